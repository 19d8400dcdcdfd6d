"""Which files to analyze: walking folders, `.gitignore`, default and user excludes."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from leaklint.findings import FileError
from leaklint.syntax import EXTENSION_GRAMMARS

DEFAULT_EXCLUDES = ("node_modules", ".git", "dist", "build", "coverage", "*.min.js")
# Checked-in third-party code: reported leaks there are not the project's to fix.
VENDORED_EXCLUDES = (".yarn", "vendor", "third_party", "*.bundle.js")
GENERATED_SNIFF_BYTES = 64 * 1024
GENERATED_LINE_LENGTH = 1000


def is_generated(path: str) -> bool:
    """A bundle or generated file: a code line over 1,000 characters in the first 64 KB, `@generated`, a `/*!` banner."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(GENERATED_SNIFF_BYTES)
    except OSError:
        return False  # the engine reports unreadable files
    first = head.lstrip().split(b"\n", 1)[0]
    if (first.startswith(b"/*!") and b"*/" in first) or b"@generated" in head[:2048]:
        return True  # a one-line `/*! lib v1.2 | MIT */` banner kept by minifiers (express's multi-line `/*!` licence is not)
    if not _may_have_long_line(head):
        return False  # the common case, found without splitting the head into lines
    lines = head.split(b"\n")  # the last line may continue past the sample: its full length is longer still
    return any(len(line) > GENERATED_LINE_LENGTH and not _is_comment(line) for line in lines)


_BLOCK = (GENERATED_LINE_LENGTH + 1) // 2


def _may_have_long_line(head: bytes) -> bool:
    """False only if no line of ``head`` is over GENERATED_LINE_LENGTH bytes.

    A line that long contains a whole block of ``_BLOCK`` bytes starting at a
    multiple of ``_BLOCK``, so it is enough to look for a block with no
    newline: one ``find`` (C) per block instead of a bytes object per line.
    """
    find = head.find
    for start in range(0, len(head) - _BLOCK + 1, _BLOCK):
        if find(b"\n", start, start + _BLOCK) == -1:
            return True
    return False


def _any_pattern(lines: list[str]) -> tuple[re.Pattern[str] | None, bool]:
    """(one regex that matches a path iff one of the pattern lines does, whether a line negates); None if unsure.

    Most paths match no pattern: this finds that with one regex search instead
    of one per pattern, and only the paths it matches go to pathspec's
    ``check_file`` (which decides between including and excluding patterns).
    Each line is translated with the pattern class pathspec itself uses, and
    only the translations are compiled, together: compiling each pattern on
    its own as well (what building pathspec's spec does) cost more than the
    walk, so ``IgnoreSpec`` builds that spec only for a path this matches.
    The named group pathspec uses to mark folders is made a plain one, which
    matches the same. A line negates when pathspec translates it to an
    excluding pattern (`!x`).
    """
    pattern_type = _gitignore_pattern_type()
    parts = []
    negated = False
    for line in lines:
        try:
            source, include = pattern_type.pattern_to_regex(line)
        except Exception:  # noqa: BLE001 - pathspec rejects the line: its own spec reports or skips it
            return None, True
        if include is None:
            continue
        negated = negated or not include
        if not isinstance(source, str):
            return None, True
        source = source.replace("(?P<ps_d>", "(?:")
        if "(?P" in source:
            return None, True
        parts.append(f"(?:{source})")
    if not parts:
        return re.compile(r"(?!)"), negated  # matches nothing
    try:
        return re.compile("|".join(parts)), negated
    except re.error:
        return None, True


_PATTERN_TYPE: list[type] = []


def _gitignore_pattern_type() -> type:
    """The pattern class ``pathspec.GitIgnoreSpec.from_lines`` builds (it differs between pathspec versions)."""
    if not _PATTERN_TYPE:
        _PATTERN_TYPE.append(type(pathspec.GitIgnoreSpec.from_lines(["x"]).patterns[0]))
    return _PATTERN_TYPE[0]


class IgnoreSpec:
    """A gitignore-style spec: its lines as one regex first, pathspec's ``GitIgnoreSpec`` only when that matches.

    ``include_of`` and ``match_file`` answer what ``GitIgnoreSpec.check_file(path).include``
    and ``GitIgnoreSpec.match_file`` answer (tests/test_discover_fast.py compares them).
    Without a negated (`!x`) line, a path some pattern matches is ignored
    whichever pattern wins, so pathspec's spec is never needed: the default
    excludes and test paths are such specs.
    """

    __slots__ = ("lines", "any_pattern", "_spec", "_negated")

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.any_pattern, self._negated = _any_pattern(lines)
        self._spec = pathspec.GitIgnoreSpec.from_lines(lines) if self.any_pattern is None else None

    @property
    def spec(self) -> pathspec.GitIgnoreSpec:
        if self._spec is None:
            self._spec = pathspec.GitIgnoreSpec.from_lines(self.lines)
        return self._spec

    def include_of(self, path: str) -> bool | None:
        """True: ignored, False: re-included (`!x`), None: no pattern says anything of ``path``."""
        if not _may_match(self.any_pattern, path):
            return None
        if not self._negated:
            return True
        return self.spec.check_file(path).include

    def match_file(self, path: str) -> bool:
        return bool(self.include_of(path))


def _may_match(any_pattern: re.Pattern[str] | None, path: str) -> bool:
    if any_pattern is None:
        return True
    if path.startswith("/"):  # as pathspec's normalize_file has it
        path = path[1:]
    elif path.startswith("./"):
        path = path[2:]
    return any_pattern.search(path) is not None


def _is_comment(line: bytes) -> bool:
    """A long documentation line (parse-server's option docs) is not minified code."""
    return line.lstrip().startswith((b"//", b"/*", b"*"))


@dataclass(frozen=True)
class SourceFile:
    """A file to analyze: its real path and the path reports show."""

    path: str
    display_path: str
    explicit: bool = False  # named on the command line rather than found in a folder


@dataclass
class Discovery:
    """The files found and the paths that could not be walked."""

    files: list[SourceFile] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # named explicitly, but not JavaScript or TypeScript
    skipped_generated: int = 0  # vendored bundles and generated files left out by the default excludes


def display_path(path: str, cwd: str) -> str:
    """Relative to the working directory when inside it, `/`-separated."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, cwd)
    except ValueError:
        relative = absolute
    if relative.startswith(".."):
        relative = absolute
    return relative.replace(os.sep, "/")


def is_source_file(name: str) -> bool:
    """Has one of the extensions leaklint analyzes."""
    return os.path.splitext(name)[1].lower() in EXTENSION_GRAMMARS


def is_node_script(path: str) -> bool:
    """An extensionless file that starts with a Node shebang (`#!/usr/bin/env node`)."""
    if os.path.splitext(path)[1]:
        return False
    try:
        with open(path, "rb") as handle:
            first = handle.readline(200)
    except OSError:
        return False
    return first.startswith(b"#!") and b"node" in first


class _Excluder:
    """Matches names and relative paths against exclude globs (gitignore-style)."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.spec = IgnoreSpec(list(patterns))
        self.name_patterns = [p for p in patterns if "/" not in p]
        # fnmatchcase against each pattern, as one regex (fnmatch.translate is what fnmatchcase uses)
        self._names = re.compile("|".join(fnmatch.translate(p) for p in self.name_patterns)) if self.name_patterns else None

    def excluded(self, name: str, relative: str, is_dir: bool) -> bool:
        if self._names is not None and self._names.match(name):
            return True
        return self.spec.match_file(relative + "/" if is_dir else relative)


def _gitignore_spec(directory: str) -> IgnoreSpec | None:
    path = os.path.join(directory, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return IgnoreSpec(handle.read().splitlines())
    except OSError:
        return None


def _repository_root(start: str) -> str | None:
    current = Path(start).resolve()
    for candidate in (current, *current.parents):
        if (candidate / ".git").exists():
            return str(candidate)
    return None


def _ancestor_ignores(directory: str) -> list[tuple[str, IgnoreSpec]]:
    """`.gitignore` files between the repository root and ``directory`` (exclusive)."""
    root = _repository_root(directory)
    if root is None:
        return []
    chain = []
    current = Path(directory).resolve()
    parents = [p for p in current.parents if str(p).startswith(root)]
    for parent in reversed(parents):
        spec = _gitignore_spec(str(parent))
        if spec is not None:
            chain.append((str(parent), spec))
    return chain


def _ignored_by_git(path: str, is_dir: bool, ignores: list[tuple[str, IgnoreSpec]]) -> bool:
    ignored = False
    for base, spec in ignores:
        relative = os.path.relpath(path, base).replace(os.sep, "/")
        if relative.startswith(".."):
            continue
        include = spec.include_of(relative + "/" if is_dir else relative)
        if include is not None:
            ignored = include
    return ignored


def _ignore_prefixes(directory: str, ignores: list[tuple[str, IgnoreSpec]]) -> list[tuple[str, IgnoreSpec]]:
    """(path of ``directory`` relative to each .gitignore's folder, with a trailing `/` or "", spec), in order.

    Computed once per folder, so that each entry costs a string concatenation
    instead of a relpath per .gitignore (``_ignored_by_entry``); the folders
    the entry is not under are left out, as ``_ignored_by_git`` skips them.
    """
    prefixes = []
    for base, spec in ignores:
        relative = os.path.relpath(directory, base).replace(os.sep, "/")
        if relative.startswith(".."):  # not under it (or, as _ignored_by_git has it, a folder named `..x`)
            continue
        prefixes.append(("" if relative == "." else relative + "/", spec))
    return prefixes


def _ignored_by_entry(name: str, is_dir: bool, prefixes: list[tuple[str, IgnoreSpec]]) -> bool:
    """``_ignored_by_git`` for the entry ``name`` of the folder ``prefixes`` were made for."""
    ignored = False
    suffix = "/" if is_dir else ""
    for prefix, spec in prefixes:
        if not prefix and name.startswith(".."):
            continue  # what _ignored_by_git's relpath test does with an entry named `..x`
        include = spec.include_of(prefix + name + suffix)
        if include is not None:
            ignored = include
    return ignored


def discover(
    paths: list[str],
    exclude: tuple[str, ...] = (),
    use_default_excludes: bool = True,
    respect_gitignore: bool = True,
    cwd: str | None = None,
) -> Discovery:
    """Expand command-line paths into source files (explicit files are always kept)."""
    cwd = cwd or os.getcwd()
    patterns = (DEFAULT_EXCLUDES + VENDORED_EXCLUDES if use_default_excludes else ()) + tuple(exclude)
    excluder = _Excluder(patterns)
    found = Discovery()
    seen: set[str] = set()

    def add(path: str, explicit: bool = False, real: str | None = None, shown: str | None = None) -> None:
        real = real or os.path.realpath(path)
        if real in seen:
            return
        seen.add(real)
        found.files.append(SourceFile(path, shown or display_path(path, cwd), explicit))

    for raw in paths:
        if os.path.isfile(raw):
            if is_source_file(raw) or is_node_script(raw):
                add(raw, explicit=True)  # named explicitly: analyzed unless --force-exclude
            else:
                found.skipped.append(display_path(raw, cwd))
        elif os.path.isdir(raw):
            _walk(raw, excluder, respect_gitignore, found, add, cwd, use_default_excludes)
        elif os.path.exists(raw):  # a FIFO, socket or device: reading it could block forever
            found.errors.append(FileError(display_path(raw, cwd), "not a regular file; skipped"))
        elif os.path.islink(raw):
            found.errors.append(FileError(display_path(raw, cwd), "broken or looping symbolic link; skipped"))
        else:
            found.missing.append(raw)
    return found


def _is_loop(directory: str) -> bool:
    """A symbolic link that points at one of the folders it is inside."""
    target = os.path.realpath(directory)
    inside = os.path.realpath(os.path.dirname(os.path.abspath(directory)))
    return inside == target or inside.startswith(target.rstrip(os.sep) + os.sep)


def _walk(
    root: str, excluder: _Excluder, respect_gitignore: bool, found: Discovery, add, cwd: str, skip_generated: bool = False
) -> None:
    ignores = _ancestor_ignores(root) if respect_gitignore else []
    visited: set[tuple[int, int]] = set()
    stack: list[tuple[str, list[tuple[str, IgnoreSpec]]]] = [(root, ignores)]
    linked: list[tuple[str, list[tuple[str, IgnoreSpec]]]] = []  # walked last: real paths win
    while stack or linked:
        directory, inherited = stack.pop() if stack else linked.pop(0)
        try:
            info = os.stat(directory)
        except OSError as error:
            found.errors.append(FileError(display_path(directory, cwd), f"cannot read directory: {error.strerror}"))
            continue
        key = (info.st_dev, info.st_ino)
        if key in visited:
            if _is_loop(directory):
                found.errors.append(
                    FileError(display_path(directory, cwd), "symbolic link loop (directory already visited); skipped")
                )
            continue  # an alias of a folder already walked under its real path: quietly once

        visited.add(key)
        local = list(inherited)
        if respect_gitignore:
            spec = _gitignore_spec(directory)
            if spec is not None:
                local.append((directory, spec))
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            found.errors.append(FileError(display_path(directory, cwd), f"cannot read directory: {error.strerror}"))
            continue
        subdirectories = []
        # Per folder, not per entry: its path relative to the root, to each .gitignore, to the
        # working directory, and its real path (an entry that is not a link is the folder's + name).
        relative_folder = os.path.relpath(directory, root).replace(os.sep, "/")
        relative_prefix = "" if relative_folder == "." else relative_folder + "/"
        prefixes = _ignore_prefixes(directory, local) if respect_gitignore else []
        real_folder = os.path.realpath(directory)
        shown_folder = display_path(directory, cwd)
        shown_prefix = "" if shown_folder == "." else shown_folder.rstrip("/") + "/"
        for entry in entries:
            relative = relative_prefix + entry.name
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError:
                is_dir = is_file = False
            if entry.is_symlink() and not (is_dir or is_file):
                if is_source_file(entry.name):
                    found.errors.append(FileError(display_path(entry.path, cwd), "broken or looping symbolic link; skipped"))
                continue
            if excluder.excluded(entry.name, relative, is_dir):
                continue
            if respect_gitignore and _ignored_by_entry(entry.name, is_dir, prefixes):
                continue
            if is_dir and entry.is_symlink():
                linked.append((entry.path, local))
            elif is_dir:
                subdirectories.append(entry.path)
            elif is_file and is_source_file(entry.name):
                if skip_generated and is_generated(entry.path):
                    found.skipped_generated += 1
                    continue
                if entry.is_symlink() or entry.name.startswith(".."):
                    add(entry.path)  # resolved and shown the long way
                else:
                    add(entry.path, real=os.path.join(real_folder, entry.name), shown=shown_prefix + entry.name)
        for subdirectory in reversed(subdirectories):
            stack.append((subdirectory, local))


def force_excluded(
    path: str,
    base: str,
    exclude: tuple[str, ...] = (),
    use_default_excludes: bool = True,
    respect_gitignore: bool = True,
) -> bool:
    """Whether a file named on the command line falls under the excludes (`--force-exclude`).

    The patterns are matched as a folder walk from ``base`` (the folder of the
    configuration file, else the working directory) would match them: against
    the file and each folder on the way to it, so `vendor` or `dist` excludes
    `vendor/v.js`.  `.gitignore` files between the repository root and the file
    count too.
    """
    patterns = (DEFAULT_EXCLUDES if use_default_excludes else ()) + tuple(exclude)
    excluder = _Excluder(patterns)
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, os.path.abspath(base)).replace(os.sep, "/")
    parts = [part for part in relative.split("/") if part not in ("", ".", "..")]
    for index, name in enumerate(parts):
        if excluder.excluded(name, "/".join(parts[: index + 1]), index < len(parts) - 1):
            return True
    if not respect_gitignore:
        return False
    folder = os.path.dirname(absolute)
    ignores = _ancestor_ignores(folder)
    own = _gitignore_spec(folder)
    if own is not None:
        ignores.append((folder, own))
    root = _repository_root(folder)
    checked = Path(absolute)
    while root is not None and str(checked.parent).startswith(root) and str(checked) != root:
        if _ignored_by_git(str(checked), checked != Path(absolute), ignores):
            return True
        checked = checked.parent
    return False
