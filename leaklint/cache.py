"""A per-file result cache keyed by content, so a warm run parses only the files that changed.

An entry holds what ``engine.analyze_path`` returned for one file (findings,
errors, suppression directives and, in phase 1, the file's project summary).
Its key is a digest of everything the result depends on:

- the file's bytes (blake2b) and the extension of its path (the grammar);
- the display path, which findings and summaries embed;
- the code: leaklint's version and the name, size and modification time of
  each of the installed package's files and of the tree-sitter packages'
  files, so an upgrade or a local edit of a rule never reuses an old
  result;
- every ``AnalysisOptions`` field (derived from the dataclass, so a new
  option is part of the key by default) except those in
  ``NEUTRAL_OPTION_FIELDS``;
- in phase 2, a digest of the ``ExternalFacts`` the link phase gave the file.

Entries are one file each under ``<dir>/v<FORMAT>/<2 hex>/<key>``: a magic
prefix, a blake2b checksum of the payload, then the payload, ``marshal`` of
plain data (tuples, strings, numbers; dataclasses and enums of the
``leaklint`` package as tagged tuples), never pickle.  A torn, corrupt,
unreadable or foreign entry is a miss, counted and reported once per run.
Writes go to a temporary file beside the entry and are renamed over it, so
two runs sharing a cache see either entry whole.  Results that hit the time
budget or an internal error, and files that could not be read, are never
stored.  After a run that stored entries, the oldest (by last use) are
removed while the cache is over ``MAX_BYTES`` or ``MAX_ENTRIES``.

A run over a whole project (no partial-run context) also stores its final
results, after the link and the second pass, as one project entry under
``<dir>/projects-v<FORMAT>/<key>``: the key digests every file's absolute
path and phase-1 key, so any change to a file, the file list, an option or
the code is another key.  An unchanged project is then answered by that one
entry, without decoding each file's entry or linking again.  It is written
only when every result of the run was cacheable and stored (or a hit); the
newest ``MAX_PROJECT_ENTRIES`` are kept.
"""

from __future__ import annotations

import enum
import hashlib
import importlib
import importlib.util
import marshal
import os
import sys
import time
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path

from leaklint import __version__
from leaklint.engine import AnalysisOptions, FileResult, timeout_message

CACHE_DIR_NAME = ".leaklint_cache"
FORMAT = 1
MAGIC = b"LLC1"
MAX_BYTES = 256 * 1024 * 1024  # pruned back to PRUNE_TO of the limits once over either
MAX_ENTRIES = 100_000
PRUNE_TO = 0.8
TOUCH_AFTER = 24 * 3600  # a hit refreshes an entry's age at most once a day (pruning drops least recently used)
MAX_PROJECT_ENTRIES = 16  # project entries kept (newest first): a few projects and option sets
STALE_TEMPORARY = 3600  # temporary files of a run killed mid-write are removed after an hour
# AnalysisOptions fields that do not change a cacheable result: `debug` only adds tracebacks to
# internal errors, and results with internal errors are never stored.
NEUTRAL_OPTION_FIELDS = frozenset({"debug"})
PROJECT_MARKERS = ("package.json", ".git")
_DIGEST_SIZE = 20
_UNCACHEABLE_PREFIXES = ("internal error", "cannot read file", "is a directory")


def project_root(start: str | None = None) -> str:
    """The nearest folder at or above ``start`` (a file or folder; default cwd) holding package.json or .git.

    The working directory when there is none.
    """
    begin = Path(os.path.abspath(start or os.getcwd()))
    if not begin.is_dir():
        begin = begin.parent
    for folder in (begin, *begin.parents):
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return str(folder)
    return os.getcwd()


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """leaklint's version, a digest of the package's own files, and those of the parser packages."""
    digest = hashlib.blake2b(digest_size=_DIGEST_SIZE)
    digest.update(f"{__version__}\0{sys.version_info[:2]}\0".encode())
    # The parser packages by the name, size and modification time of their files (the compiled
    # grammars among them): an upgrade or reinstall rewrites them. (importlib.metadata would cost
    # more than the rest of a warm run's start-up.)
    for module in PARSER_MODULES:
        digest.update(f"{module}={_package_files_stamp(module)}\0".encode())
    # Name, size and modification time of each of the package's files: any edit of a rule (or a
    # checkout of another branch) changes it, without reading a megabyte of source on every run.
    package_dir = os.path.dirname(os.path.abspath(__file__))
    for folder, subfolders, names in os.walk(package_dir):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".toml", ".scm")):
                info = os.stat(os.path.join(folder, name))
                relative = os.path.relpath(os.path.join(folder, name), package_dir)
                digest.update(f"{relative}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


PARSER_MODULES = ("tree_sitter", "tree_sitter_javascript", "tree_sitter_typescript")


def _package_files_stamp(module: str) -> str:
    """Name, size and modification time of the files in an installed package's folder; "?" if missing."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if not folders and spec is not None and spec.origin:
        folders = [os.path.dirname(spec.origin)]
    if not folders:
        return "?"
    parts = []
    for folder in folders:
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            try:
                info = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            if not os.path.isdir(os.path.join(folder, name)):
                parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return ",".join(parts) or "?"


def options_fingerprint(options: AnalysisOptions) -> str:
    """A digest of every AnalysisOptions field that can change a result (all but NEUTRAL_OPTION_FIELDS)."""
    parts = [(f.name, _encode(getattr(options, f.name))) for f in fields(options) if f.name not in NEUTRAL_OPTION_FIELDS]
    return hashlib.blake2b(repr(parts).encode(), digest_size=_DIGEST_SIZE).hexdigest()


def facts_digest(external) -> str:
    """A stable digest of an ExternalFacts (plain frozen data): equal facts, equal digest, in any process."""
    if not external:
        return "-"
    return hashlib.blake2b(repr(_encode(external)).encode(), digest_size=_DIGEST_SIZE).hexdigest()


# -- plain-data encoding --------------------------------------------------------------
# Tuples, lists, strings, numbers, None stay as they are; a dataclass or enum of the leaklint
# package becomes a dict tagged with its type, so decoding builds exactly the same objects.


_PLAIN = frozenset({str, int, float, bool, type(None), bytes})


@lru_cache(maxsize=None)
def _init_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.init)


@lru_cache(maxsize=None)
def _type_name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


@lru_cache(maxsize=None)
def _plain_dataclass(cls: type) -> bool:
    """Every field is in __init__ and the instance keeps them in its __dict__ (no slots)."""
    return "__slots__" not in vars(cls) and len(_init_fields(cls)) == len(fields(cls))


def _encode(value):
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple:
        return tuple([item if type(item) in _PLAIN else _encode(item) for item in value])
    if kind is list:
        return [item if type(item) in _PLAIN else _encode(item) for item in value]
    if isinstance(value, enum.Enum):
        return {"e": _type_name(kind), "v": value.value}
    if is_dataclass(value) and not isinstance(value, type):
        names = _init_fields(kind)
        if _plain_dataclass(kind):
            attributes = value.__dict__
            items = [attributes[name] for name in names]
        else:
            items = [getattr(value, name) for name in names]
        return {"d": _type_name(kind), "f": tuple([item if type(item) in _PLAIN else _encode(item) for item in items])}
    if isinstance(value, dict):
        return {"m": tuple((_encode(k), _encode(v)) for k, v in value.items())}
    if isinstance(value, (set, frozenset)):
        return {"s": tuple(sorted((_encode(item) for item in value), key=repr)), "frozen": isinstance(value, frozenset)}
    if isinstance(value, (str, int, float, bytes)):  # a subclass of a plain type
        return value
    raise TypeError(f"cannot cache a {kind.__name__}")


@lru_cache(maxsize=None)
def _type_named(name: str) -> type:
    """The leaklint dataclass or enum called ``name``; anything else is a corrupt entry."""
    module_name, _, qualname = name.partition(":")
    if module_name != "leaklint" and not module_name.startswith("leaklint."):
        raise ValueError(f"foreign type {name!r}")
    target: object = importlib.import_module(module_name)
    for part in qualname.split("."):
        target = getattr(target, part)
    if not isinstance(target, type) or not (is_dataclass(target) or issubclass(target, enum.Enum)):
        raise ValueError(f"not a data type: {name!r}")
    return target


@lru_cache(maxsize=None)
def _builder(name: str):
    """(build, field count) for the dataclass called ``name``: build(values) makes the instance.

    A plain dataclass (no __post_init__, no slots, every field in __init__) is
    filled in directly, which is what __init__ would do, at a fraction of the
    cost; a warm run builds every finding and summary this way.
    """
    cls = _type_named(name)
    if not is_dataclass(cls):
        raise ValueError(f"{name!r} is not a dataclass")
    names = _init_fields(cls)
    if hasattr(cls, "__post_init__") or not _plain_dataclass(cls):
        return (lambda values: cls(*values)), len(names)
    new = object.__new__

    def build(values):
        instance = new(cls)
        instance.__dict__.update(zip(names, values))
        return instance

    return build, len(names)


def _decode(value):
    kind = type(value)
    if kind is tuple:
        return tuple([item if type(item) in _PLAIN else _decode(item) for item in value])
    if kind is list:
        return [item if type(item) in _PLAIN else _decode(item) for item in value]
    if kind is dict:
        name = value.get("d")
        if name is not None:
            build, count = _builder(name)
            values = value["f"]
            if type(values) is not tuple or len(values) != count:
                raise ValueError(f"{name} has {len(values)} fields, expected {count}")
            return build([item if type(item) in _PLAIN else _decode(item) for item in values])
        if "e" in value:
            enum_type = _type_named(value["e"])
            if not issubclass(enum_type, enum.Enum):
                raise ValueError(f"{value['e']!r} is not an enum")
            return enum_type(value["v"])
        if "m" in value:
            return {_decode(k): _decode(v) for k, v in value["m"]}
        if "s" in value:
            items = (_decode(item) for item in value["s"])
            return frozenset(items) if value["frozen"] else set(items)
        raise ValueError("untagged mapping")
    if kind in _PLAIN:
        return value
    raise ValueError(f"unexpected {kind.__name__} in an entry")


def encode_result(result: FileResult) -> tuple:
    """A FileResult as plain data: (result without its summary, summary)."""
    summary = result.summary
    result.summary = None
    try:
        return (_encode(result), _encode(summary))
    finally:
        result.summary = summary


def decode_result(data: tuple, with_summary: bool = True) -> FileResult:
    """The FileResult that encode_result turned into ``data``."""
    encoded, summary = data
    result = _decode(encoded)
    if not isinstance(result, FileResult):
        raise ValueError("entry is not a file result")
    result.summary = _decode(summary) if with_summary else None
    return result


def cacheable(result: FileResult, options: AnalysisOptions) -> bool:
    """Whether a result may be stored: not cut short by the time budget, an internal error or a read error."""
    budget = timeout_message(options.file_timeout)
    return not any(e.message.startswith(_UNCACHEABLE_PREFIXES) or e.message == budget for e in result.errors)


class ResultCache:
    """The cache in one folder, for one run: lookups, stores, counts for --show-files and notes."""

    def __init__(self, directory: str, max_bytes: int = MAX_BYTES, max_entries: int = MAX_ENTRIES) -> None:
        self.directory = directory
        self.entries_dir = os.path.join(directory, f"v{FORMAT}")
        self.projects_dir = os.path.join(directory, f"projects-v{FORMAT}")
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self.hits = self.misses = self.stored = self.invalid = 0
        self.stored_bytes = 0
        self.context_used = self.context_missing = 0
        self.events: list[tuple[str, str]] = []  # (display path, what happened), for --show-files
        self.write_problem: str | None = None
        self._content: dict[str, str | None] = {}
        self._options: dict[AnalysisOptions, str] = {}
        self._ready = False
        self._shards: set[str] = set()
        self._written = 0
        self._keys: dict[int, tuple[tuple, str]] = {}  # id(call) -> (call, key) between lookup and store
        self.unstored = 0  # results of this run that were not stored: no project entry then
        self.project_hit = False

    # -- keys

    def content_digest(self, path: str, fresh: bool = False) -> str | None:
        """blake2b of the file's bytes (None when unreadable); remembered for the run unless ``fresh``."""
        if fresh or path not in self._content:
            try:
                with open(path, "rb") as handle:
                    self._content[path] = hashlib.blake2b(handle.read(), digest_size=_DIGEST_SIZE).hexdigest()
            except OSError:
                self._content[path] = None
        return self._content[path]

    def key(self, call: tuple, content: str) -> str:
        """The entry name for an analyze_path call (path, display path, options[, external facts])."""
        path, display, options = call[0], call[1], call[2]
        facts = facts_digest(call[3]) if len(call) > 3 else "-"  # "-": no linked facts, as facts_digest says
        if options not in self._options:
            self._options[options] = options_fingerprint(options)
        text = "\0".join(
            (str(FORMAT), code_fingerprint(), self._options[options], os.path.splitext(path)[1].lower(), display,
             facts, content)
        )
        return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=_DIGEST_SIZE).hexdigest()

    def _entry_path(self, key: str) -> str:
        return os.path.join(self.entries_dir, key[:2], key)

    def project_key(self, calls: list[tuple]) -> str | None:
        """The project entry's key for a run's phase-1 calls; None when a file cannot be read."""
        digest = hashlib.blake2b(f"project\0{FORMAT}\0".encode(), digest_size=_DIGEST_SIZE)
        for call in calls:
            content = self.content_digest(call[0])
            if content is None:
                return None
            absolute = os.path.normpath(os.path.abspath(call[0]))
            digest.update(f"{absolute}\0{self.key(call, content)}\0".encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def _project_entry_path(self, key: str) -> str:
        return os.path.join(self.projects_dir, key)

    # -- reading

    def _read(self, key: str, path: str | None = None) -> tuple | None:
        """The plain data stored under ``key``; None for a miss (a bad entry is counted in ``invalid``)."""
        path = path or self._entry_path(key)
        try:
            with open(path, "rb") as handle:
                blob = handle.read()
                age = time.time() - os.fstat(handle.fileno()).st_mtime
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError:
            self.invalid += 1
            return None
        header = len(MAGIC) + _DIGEST_SIZE
        payload = blob[header:]
        if (
            blob[: len(MAGIC)] != MAGIC
            or blob[len(MAGIC) : header] != hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest()
        ):
            self.invalid += 1
            return None
        try:
            stored_key, data = marshal.loads(payload)
        except Exception:  # noqa: BLE001 - whatever is wrong with the bytes, the entry is a miss
            self.invalid += 1
            return None
        if stored_key != key:
            self.invalid += 1
            return None
        if age > TOUCH_AFTER:
            try:
                os.utime(path)
            except OSError:
                pass
        return data

    def lookup(self, calls: list[tuple]) -> tuple[list[FileResult | None], list[int]]:
        """Cached results for the calls (None where missing) and the indexes of the calls to run."""
        results: list[FileResult | None] = []
        missing: list[int] = []
        for index, call in enumerate(calls):
            result = None
            content = self.content_digest(call[0])
            if content is not None:
                key = self.key(call, content)
                data = self._read(key)
                if data is not None:
                    try:
                        result = decode_result(data)
                    except Exception:  # noqa: BLE001 - a type that changed shape, a bad value: a miss
                        self.invalid += 1
            phase = "linked " if len(call) > 3 else ""
            if result is None:
                if content is not None:
                    self._keys[id(call)] = (call, key)
                self.misses += 1
                missing.append(index)
                self.events.append((call[1], f"{phase}analyzed (cache miss)"))
            else:
                self.hits += 1
                self.events.append((call[1], f"{phase}cache hit"))
            results.append(result)
        return results, missing

    def project_results(self, key: str, calls: list[tuple]) -> list[FileResult] | None:
        """The final results a run over the same project stored under ``key``; None for a miss.

        The events and hit counts are those the per-file lookups would have
        given: a hit for every file and a linked hit for each file of the
        second pass.
        """
        data = self._read(key, self._project_entry_path(key))
        if data is None:
            return None
        try:
            encoded, linked = data
            results = _decode(encoded)
            if (
                type(results) is not list
                or not all(isinstance(r, FileResult) for r in results)
                or not all(type(p) is str for p in linked)
            ):
                raise ValueError("not a project entry")
        except Exception:  # noqa: BLE001 - a bad entry is a miss
            self.invalid += 1
            return None
        for call in calls:
            self.events.append((call[1], "cache hit"))
        for display in linked:
            self.events.append((display, "linked cache hit"))
        self.hits += len(calls) + len(linked)
        self.project_hit = True
        return results

    def store_project(self, key: str, results: list[FileResult], linked: list[str]) -> None:
        """Store a project's final results, if every result of the run was stored or a hit."""
        if self.unstored or self.write_problem is not None:
            return
        try:
            payload = marshal.dumps((key, (_encode(results), tuple(linked))))
        except (TypeError, ValueError):
            return
        blob = MAGIC + hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest() + payload
        try:
            self._write(key, blob, self._project_entry_path(key))
        except OSError as error:
            self.write_problem = error.strerror or str(error)
            return
        self._prune_projects(keep=key)

    def _prune_projects(self, keep: str) -> None:
        """Keep the newest MAX_PROJECT_ENTRIES project entries (and ``keep``); drop stale temporary files."""
        try:
            items = list(os.scandir(self.projects_dir))
        except OSError:
            return
        now = time.time()
        aged = []
        for item in items:
            try:
                modified = item.stat().st_mtime
            except OSError:
                continue
            if item.name.endswith(".tmp"):
                if now - modified > STALE_TEMPORARY:
                    _remove(item.path)
            elif item.name != keep:
                aged.append((modified, item.path))
        aged.sort(reverse=True)
        for _, path in aged[MAX_PROJECT_ENTRIES - 1 :]:
            _remove(path)

    def summaries(self, files, options: AnalysisOptions) -> list[tuple[str, object]]:
        """(path, summary) of the files that have a cached phase-1 entry for their current content."""
        entries = []
        for source in files:
            content = self.content_digest(source.path)
            data = None if content is None else self._read(self.key((source.path, source.display_path, options), content))
            summary = None
            if data is not None:
                try:
                    summary = decode_result(data).summary
                except Exception:  # noqa: BLE001
                    self.invalid += 1
            if summary is None:
                self.context_missing += 1
                continue
            self.context_used += 1
            entries.append((source.path, summary))
        return entries

    # -- writing

    def store(self, calls: list[tuple], results: list[FileResult]) -> None:
        """Store each cacheable result under the key of the content it was computed from."""
        for call, result in zip(calls, results):
            if self.write_problem is not None:
                return
            options = call[2]
            content = self.content_digest(call[0])
            if content is None or not cacheable(result, options):
                self.unstored += 1
                continue
            if self.content_digest(call[0], fresh=True) != content:
                self.unstored += 1
                continue  # the file changed while it was analyzed: its result belongs to neither version
            remembered = self._keys.pop(id(call), None)
            key = remembered[1] if remembered is not None and remembered[0] is call else self.key(call, content)
            try:
                payload = marshal.dumps((key, encode_result(result)))
            except (TypeError, ValueError):
                self.unstored += 1
                continue  # something in the result is not plain data: analyze it again next time
            blob = MAGIC + hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest() + payload
            try:
                self._write(key, blob)
            except OSError as error:
                self.write_problem = error.strerror or str(error)
                self.unstored += 1
                return
            self.stored += 1
            self.stored_bytes += len(blob)

    def _prepare(self) -> None:
        if self._ready:
            return
        os.makedirs(self.entries_dir, exist_ok=True)
        for name, text in (
            (".gitignore", "# Created by leaklint: its result cache is not for version control.\n*\n"),
            ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# leaklint result cache\n"),
        ):
            marker = os.path.join(self.directory, name)
            if not os.path.exists(marker):
                try:
                    with open(marker, "x", encoding="utf-8") as handle:
                        handle.write(text)
                except FileExistsError:  # another run made it meanwhile
                    pass
        self._ready = True

    def _write(self, key: str, blob: bytes, target: str | None = None) -> None:
        """Temporary file in the entry's folder, then a rename: readers see no entry or a whole one.

        No fsync: after a crash a lost entry is only a miss, and a torn one fails its checksum.
        The temporary name holds the process id, so concurrent runs never share one.
        """
        self._prepare()
        target = target or self._entry_path(key)
        shard = os.path.dirname(target)
        if shard not in self._shards:
            os.makedirs(shard, exist_ok=True)
            self._shards.add(shard)
        self._written += 1
        temporary = f"{target}.{os.getpid()}.{self._written}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(blob)
            os.replace(temporary, target)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise

    def prune(self) -> int:
        """Remove the least recently used entries while over the limits; the number removed.

        The folder is scanned only when the tally in ``usage`` (entries and bytes as of the last
        scan, plus what runs since have written; overwrites count twice, so it only overestimates)
        passes a limit, so a run that re-analyzes one file does not stat the whole cache.
        """
        if not self.stored:
            return 0  # a run that wrote nothing did not make the cache bigger
        usage = os.path.join(self.entries_dir, "usage")
        try:
            with open(usage, encoding="ascii") as handle:
                counted, size = (int(part) for part in handle.read().split())
            counted, size = counted + self.stored, size + self.stored_bytes
        except (OSError, ValueError):
            counted, size = self.max_entries + 1, 0  # no tally yet: scan
        if counted <= self.max_entries and size <= self.max_bytes:
            self._write_usage(usage, counted, size)
            return 0
        removed, counted, size = self._scan_and_prune()
        self._write_usage(usage, counted, size)
        return removed

    def _write_usage(self, usage: str, counted: int, size: int) -> None:
        try:
            self._prepare()
            self._written += 1
            temporary = f"{usage}.{os.getpid()}.{self._written}.tmp"
            with open(temporary, "w", encoding="ascii") as handle:
                handle.write(f"{counted} {size}\n")
            os.replace(temporary, usage)
        except OSError:
            pass

    def _scan_and_prune(self) -> tuple[int, int, int]:
        """(entries removed, entries left, bytes left) after removing the least recently used."""
        entries = []
        now = time.time()
        try:
            shards = list(os.scandir(self.entries_dir))
        except OSError:
            return 0, 0, 0
        for shard in shards:
            try:
                items = list(os.scandir(shard.path)) if shard.is_dir() else []
            except OSError:
                continue
            for item in items:
                try:
                    info = item.stat()
                except OSError:
                    continue
                if item.name.endswith(".tmp"):
                    if now - info.st_mtime > STALE_TEMPORARY:
                        _remove(item.path)
                    continue
                entries.append((info.st_mtime, info.st_size, item.path))
        total = sum(size for _, size, _ in entries)
        if total <= self.max_bytes and len(entries) <= self.max_entries:
            return 0, len(entries), total
        entries.sort()
        byte_goal, count_goal = self.max_bytes * PRUNE_TO, self.max_entries * PRUNE_TO
        removed = 0
        for _, size, path in entries:
            if total <= byte_goal and len(entries) - removed <= count_goal:
                break
            if _remove(path):
                total -= size
                removed += 1
        return removed, len(entries) - removed, total

    # -- reporting

    def notes(self) -> list[str]:
        """The run's one-line notes about the cache (problems only)."""
        notes = []
        if self.invalid:
            noun = "entry" if self.invalid == 1 else "entries"
            notes.append(
                f"ignored {self.invalid} unreadable or corrupt cache {noun} in {self.directory} (analyzed those files again)"
            )
        if self.write_problem is not None:
            notes.append(f"cannot write the cache in {self.directory}: {self.write_problem}; results were not cached")
        return notes

    def counts(self) -> str:
        """One line for --debug: hits, misses, stored, and the cached summaries a partial run used."""
        line = f"cache {self.directory}: {self.hits} hits, {self.misses} misses, {self.stored} stored"
        if self.context_used or self.context_missing:
            line += (
                f"; {self.context_used} cached summaries of other project files used, "
                f"{self.context_missing} not cached"
            )
        return line


def _remove(path: str) -> bool:
    try:
        os.unlink(path)
        return True
    except OSError:
        return False
