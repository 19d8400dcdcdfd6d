"""Applying fixes: choose non-overlapping edits, re-parse, repeat, write atomically.

Rules decide what to fix (each finding may carry a `Fix` of byte-range
edits); this module only applies them.  One pass applies every allowed fix
whose edits overlap no fix already chosen in that pass, then the new text is
parsed and analyzed again, so fixes that were left out, and fixes the first
ones made possible, get their turn in the next pass (at most ``MAX_PASSES``,
as ruff and ESLint loop).  A pass whose text parses with an `ERROR` or
missing node is dropped (with a message) and fixing that file stops there;
a file that had syntax errors before is never fixed.  Writing goes through
a temporary file in the same folder (fsync, rename, the original mode), and
refuses symbolic links, read-only files and files whose bytes changed since
they were read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from leaklint import syntax
from leaklint.atomic import write_atomic
from leaklint.engine import AnalysisOptions, FileResult, analyze_source, unreadable_reason
from leaklint.findings import UTF8_BOM, Applicability, Edit, FileError, Finding, Fix

MAX_PASSES = 10


def is_allowed(fix: Fix | None, unsafe: bool) -> bool:
    """Whether `--fix` applies this fix (safe ones always, unsafe ones with --unsafe-fixes)."""
    if fix is None or not fix.edits:
        return False
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def _overlaps(edit: Edit, taken: list[Edit]) -> bool:
    # Two insertions at one offset overlap too: their order would be a guess.
    for other in taken:
        if edit.start < other.end and other.start < edit.end:
            return True
        if edit.start == other.start or (edit.start == edit.end and other.start < edit.start < other.end):
            return True
        if other.start == other.end and edit.start < other.start < edit.end:
            return True
    return False


def choose_fixes(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    """The findings whose fixes one pass applies: allowed, in source order, none overlapping another."""
    chosen: list[Finding] = []
    taken: list[Edit] = []
    candidates = [f for f in findings if is_allowed(f.fix, unsafe)]
    candidates.sort(key=lambda f: (min(e.start for e in f.fix.edits), f.rule))
    for finding in candidates:
        edits = finding.fix.edits
        if any(_overlaps(edit, taken) for edit in edits) or _self_overlapping(edits):
            continue
        chosen.append(finding)
        taken.extend(edits)
    return chosen


def _self_overlapping(edits: tuple[Edit, ...]) -> bool:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    return any(a.end > b.start for a, b in zip(ordered, ordered[1:]))


def line_ending(source: bytes) -> str:
    """The file's line ending: CRLF when most of its line breaks are CRLF, else LF."""
    crlf = source.count(b"\r\n")
    return "\r\n" if crlf and crlf * 2 >= source.count(b"\n") else "\n"


def apply_edits(source: bytes, edits: Iterable[Edit]) -> bytes:
    """Apply non-overlapping edits to ``source``.

    Edit text is written with "\\n" line breaks; they become the file's own
    line ending (CRLF files stay CRLF).  Nothing is inserted before a
    byte-order mark.
    """
    newline = line_ending(source)
    floor = len(UTF8_BOM) if source.startswith(UTF8_BOM) else 0
    out = bytearray()
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start, end = max(edit.start, floor), max(edit.end, floor)
        if start < position or end > len(source) or start > end:
            raise ValueError(f"edit {edit.start}-{edit.end} overlaps another or lies outside the file")
        text = edit.text.replace("\r\n", "\n")
        if newline != "\n":
            text = text.replace("\n", newline)
        out += source[position:start]
        out += text.encode("utf-8")
        position = end
    out += source[position:]
    return bytes(out)


Analyze = Callable[[bytes], FileResult]
Keep = Callable[[FileResult], list[Finding]]


@dataclass
class FixedText:
    """What fixing one text produced."""

    source: bytes
    applied: list[Finding] = field(default_factory=list)
    result: FileResult | None = None  # the analysis of ``source`` (what is left to report)
    kept: list[Finding] = field(default_factory=list)  # its findings after the filter stage
    messages: list[str] = field(default_factory=list)
    skipped_syntax: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def fix_text(source: bytes, analyze: Analyze, keep: Keep, grammar: syntax.Grammar, unsafe: bool) -> FixedText:
    """Apply fixes pass by pass until none is left, a pass breaks the syntax, or MAX_PASSES."""
    result = analyze(source)
    kept = keep(result)
    outcome = FixedText(source, result=result, kept=kept)
    if syntax.parse_best(source, grammar)[0].root_node.has_error:
        outcome.skipped_syntax = any(is_allowed(f.fix, unsafe) for f in kept)
        return outcome  # never fix a file that did not parse: the edits could land anywhere
    for _pass in range(MAX_PASSES):
        chosen = choose_fixes(kept, unsafe)
        if not chosen:
            break
        candidate = apply_edits(outcome.source, [e for f in chosen for e in f.fix.edits])
        tree, _ = syntax.parse_best(candidate, grammar)
        if tree.root_node.has_error:
            titles = "; ".join(sorted({f"{f.rule} {f.fix.title}" for f in chosen}))
            outcome.messages.append(f"dropped fixes that would break the syntax ({titles}); fix by hand")
            break
        if candidate == outcome.source:
            break
        outcome.source = candidate
        outcome.applied.extend(chosen)
        result = analyze(candidate)
        kept = keep(result)
        outcome.result, outcome.kept = result, kept
    return outcome


class WriteRefused(Exception):
    """A file leaklint will not overwrite, worded for one line of output."""


def _check_writable(path: str) -> os.stat_result:
    try:
        info = os.lstat(path)
    except OSError as error:
        raise WriteRefused(f"cannot fix: {error.strerror or error}") from error
    if stat.S_ISLNK(info.st_mode):
        raise WriteRefused("not fixed: it is a symbolic link (fix the file it points to)")
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused("not fixed: not a regular file")
    # Root may write anything; a missing write bit still says "do not touch".
    if not os.access(path, os.W_OK) or not info.st_mode & stat.S_IWUSR:
        raise WriteRefused("not fixed: the file is not writable")
    return info


def write_atomically(path: str, data: bytes, expected: bytes) -> None:
    """Replace ``path`` with ``data`` unless its bytes are no longer ``expected``.

    The write itself is leaklint.atomic's (temporary file beside it, fsync,
    the original mode, rename); the content check runs just before the rename,
    so a file edited while leaklint ran is left as its editor wrote it.
    """
    _check_writable(path)

    def unchanged() -> None:
        with open(path, "rb") as current:
            if current.read() != expected:
                raise WriteRefused("not fixed: the file changed while leaklint was running")

    try:
        write_atomic(path, data, before_replace=unchanged)
    except WriteRefused:
        raise
    except OSError as error:
        raise WriteRefused(f"not fixed: cannot write it: {error.strerror or error}") from error


@dataclass
class FileFix:
    """The outcome of fixing one file on disk."""

    path: str
    original: bytes = b""
    fixed: FixedText | None = None
    errors: list[FileError] = field(default_factory=list)
    refused: bool = False  # a file that could not be written (symlink, read-only, changed)

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed.changed and not self.refused


def fix_path(
    path: str,
    display_path: str,
    options: AnalysisOptions,
    keep: Keep,
    *,
    unsafe: bool,
    write: bool,
) -> FileFix:
    """Fix one file: read it, apply fixes in memory, and (with ``write``) replace it atomically."""
    outcome = FileFix(display_path)
    grammar = syntax.EXTENSION_GRAMMARS.get(os.path.splitext(path)[1].lower(), syntax.Grammar.JAVASCRIPT)
    try:
        with open(path, "rb") as handle:
            original = handle.read()
    except OSError as error:
        outcome.errors.append(FileError(display_path, f"cannot fix: {error.strerror or error}"))
        outcome.refused = True
        return outcome
    if unreadable_reason(original) is not None:
        return outcome  # binary or not UTF-8: the analysis already said so
    outcome.original = original

    def analyze(source: bytes) -> FileResult:
        return analyze_source(display_path, source, grammar, options)

    fixed = fix_text(original, analyze, keep, grammar, unsafe)
    outcome.fixed = fixed
    for message in fixed.messages:
        outcome.errors.append(FileError(display_path, message))
    if fixed.skipped_syntax:
        outcome.errors.append(FileError(display_path, "not fixed: the file has syntax errors"))
    if write and fixed.changed:
        try:
            write_atomically(path, fixed.source, original)
        except WriteRefused as refusal:
            outcome.errors.append(FileError(display_path, str(refusal)))
            outcome.refused = True
        except OSError as error:
            outcome.errors.append(FileError(display_path, f"not fixed: cannot write: {error.strerror or error}"))
            outcome.refused = True
    elif fixed.changed:
        try:
            _check_writable(path)  # --diff: say now that --fix would refuse it
        except WriteRefused as refusal:
            outcome.errors.append(FileError(display_path, str(refusal)))
            outcome.refused = True
    return outcome


def unified_diff(display_path: str, before: bytes, after: bytes) -> str:
    """A unified diff of one file's fix, `a/` and `b/` prefixed like git's."""
    import difflib

    old = before.decode("utf-8", "replace").splitlines(keepends=True)
    new = after.decode("utf-8", "replace").splitlines(keepends=True)
    lines = []
    name = display_path.replace(os.sep, "/").lstrip("/")
    for line in difflib.unified_diff(old, new, f"a/{name}", f"b/{name}"):
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)
