"""Reading and validating `[tool.leaklint]` in `pyproject.toml` or a `leaklint.toml`.

The configuration file is found by walking up from the working directory: in
each folder `leaklint.toml` wins over `pyproject.toml`, and a `pyproject.toml`
without a `[tool.leaklint]` table is passed over.  Every key is checked here,
so an unknown key or a bad value is one clear `ConfigError` naming the key;
the command line turns it into exit code 2.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path


def _toml():
    """The TOML parser, imported when a configuration file is read (most runs find none, or pass --isolated)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib

from leaklint.rules import code_by_code_or_name

CONFIG_FILES = ("leaklint.toml", "pyproject.toml")
FAIL_LEVELS = ("note", "warning", "error")
_IDENTIFIER = re.compile(r"^[A-Za-z_$][\w$]*$")
_DOTTED = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$")


class ConfigError(Exception):
    """A configuration problem, worded for one line of output."""


@dataclass(frozen=True)
class RuleOptions:
    """Options that widen what the model recognises; plain data for the workers."""

    long_lived_receivers: tuple[str, ...] = ()
    cleanup_methods: tuple[str, ...] = ()
    handler_registrations: tuple[str, ...] = ()
    acquire_release: tuple[tuple[str, str], ...] = ()
    resources: tuple[tuple[str, tuple[str, ...]], ...] = ()  # LL007: acquire pattern -> release methods
    # Shape vocabulary (docs/architecture.md, "How often code runs"), added to the built-in one.
    request_parameters: tuple[str, ...] = ()
    handler_prefixes: tuple[str, ...] = ()
    once_names: tuple[str, ...] = ()
    bounded_keys: tuple[str, ...] = ()

    def as_pairs(self) -> tuple[tuple[str, object], ...]:
        """The form `AnalysisOptions.rule_options` carries (only the options that are set)."""
        pairs = []
        for name in (
            "long_lived_receivers",
            "cleanup_methods",
            "handler_registrations",
            "acquire_release",
            "resources",
            "request_parameters",
            "handler_prefixes",
            "once_names",
            "bounded_keys",
        ):
            value = getattr(self, name)
            if value:
                pairs.append((name, value))
        return tuple(pairs)


@dataclass(frozen=True)
class Config:
    """The validated settings of one configuration file (None: not set there)."""

    path: str | None = None  # the file they came from
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None  # replaces the default excludes
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_level: str | None = None
    require_reason: bool | None = None
    report_unused_suppressions: bool | None = None
    unsafe_fixes: bool | None = None  # --fix also applies unsafe fixes
    min_confidence: str | None = None
    test_paths: tuple[str, ...] | None = None  # replaces DEFAULT_TEST_PATHS
    file_timeout: float | None = None  # seconds per file
    max_file_size: int | None = None  # bytes, for files found by walking folders
    cache: bool | None = None  # the result cache (leaklint/cache.py); default on
    cache_dir: str | None = None  # absolute (relative values are resolved against the config file's folder)
    rule_options: RuleOptions = field(default_factory=RuleOptions)

    @property
    def root(self) -> str:
        """The folder that relative patterns (per-file-ignores) are resolved against."""
        return os.path.dirname(self.path) if self.path else os.getcwd()


def find_config_file(start: str | None = None) -> str | None:
    """The nearest `leaklint.toml`, or `pyproject.toml` with `[tool.leaklint]`, walking up."""
    current = Path(start or os.getcwd()).resolve()
    for folder in (current, *current.parents):
        candidate = folder / "leaklint.toml"
        if candidate.is_file():
            return str(candidate)
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_leaklint_table(candidate):
            return str(candidate)
    return None


def _has_leaklint_table(path: Path) -> bool:
    tomllib = _toml()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        # A broken pyproject.toml that mentions us is still ours to complain about.
        try:
            return "[tool.leaklint" in path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    return isinstance(data.get("tool"), dict) and "leaklint" in data["tool"]


def load_config(path: str | None = None, start: str | None = None) -> Config:
    """Load the given file, or the one found from ``start``; an empty Config when there is none."""
    if path is None:
        path = find_config_file(start)
        if path is None:
            return Config()
    name = os.path.basename(path)
    tomllib = _toml()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration file: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if name == "leaklint.toml":
        table = data.get("tool", {}).get("leaklint", data) if "tool" in data else data
        where = "leaklint.toml"
    else:
        table = data.get("tool", {}).get("leaklint", {})
        where = "[tool.leaklint]"
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {where} must be a table")
    return parse_table(table, os.path.abspath(path), where)


_KEYS = (
    "select",
    "ignore",
    "exclude",
    "extend-exclude",
    "per-file-ignores",
    "fail-level",
    "require-reason",
    "report-unused-suppressions",
    "unsafe-fixes",
    "long-lived-receivers",
    "cleanup-methods",
    "handler-registrations",
    "acquire-release",
    "resources",
    "request-parameters",
    "handler-prefixes",
    "once-names",
    "bounded-keys",
    "min-confidence",
    "test-paths",
    "file-timeout",
    "max-file-size",
    "cache",
    "cache-dir",
)
# Findings under these (gitignore-style) paths are reported at severity "note".
DEFAULT_TEST_PATHS = ("test/", "tests/", "__tests__/", "spec/", "*.test.*", "*.spec.*")
CONFIDENCE_LEVELS = ("high", "medium")
_ACQUIRE_PATTERN = re.compile(r"^(new\s+)?([A-Za-z_$*?][\w$*?]*\.)*[A-Za-z_$][\w$]*$")


def parse_table(table: dict, path: str, where: str = "[tool.leaklint]") -> Config:
    """Validate a `[tool.leaklint]` table; every problem names its key."""

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: {where}: '{key}' {problem}")

    for key in table:
        if key not in _KEYS:
            import difflib  # only for a misspelt key: not imported at start-up

            close = difflib.get_close_matches(key.replace("_", "-"), _KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(_KEYS)}"
            raise ConfigError(f"{path}: {where}: unknown key '{key}'{hint}")

    def strings(key: str) -> tuple[str, ...] | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, list):
            example = f' (write [{value!r}])'.replace("'", '"') if isinstance(value, str) else ""
            raise fail(key, f"must be a list of non-empty strings, not {toml_type(value)}{example}")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                shown = "an empty string" if isinstance(item, str) else toml_type(item)
                raise fail(key, f"must be a list of non-empty strings, but has {shown}")
        return tuple(v.strip() for v in value)

    def codes(key: str, value: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        out = []
        for item in value:
            for part in item.split(","):
                part = part.strip()
                if not part:
                    continue
                code = code_by_code_or_name(part)
                if code is None:
                    raise fail(key, f"names an unknown rule '{part}' (see `leaklint rules`)")
                out.append(code)
        return tuple(out)

    def flag(key: str) -> bool | None:
        if key not in table:
            return None
        if not isinstance(table[key], bool):
            raise fail(key, f"must be true or false, not {toml_type(table[key])}")
        return table[key]

    def names(key: str, pattern: re.Pattern, what: str) -> tuple[str, ...]:
        value = strings(key) or ()
        for item in value:
            if not pattern.match(item):
                raise fail(key, f"has '{item}', which is not {what}")
        return value

    select = strings("select")
    ignore = strings("ignore")
    fail_level = None
    if "fail-level" in table:
        fail_level = table["fail-level"]
        if not isinstance(fail_level, str):
            raise fail("fail-level", f"must be a string, one of {', '.join(FAIL_LEVELS)}, not {toml_type(fail_level)}")
        if fail_level not in FAIL_LEVELS:
            raise fail("fail-level", f"must be one of {', '.join(FAIL_LEVELS)}, not {fail_level!r}")
    limits: dict[str, float] = {}
    for key in ("file-timeout", "max-file-size"):
        if key in table:
            value = table[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise fail(key, f"must be a positive number, not {value!r}")
            limits[key] = value
    per_file: list[tuple[str, tuple[str, ...]]] = []
    if "per-file-ignores" in table:
        value = table["per-file-ignores"]
        if not isinstance(value, dict):
            raise fail("per-file-ignores", f'must be a table of glob = ["CODE", ...], not {toml_type(value)}')
        for pattern, rules in value.items():
            if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
                found = toml_type(rules) if not isinstance(rules, list) else "a list with other values"
                raise fail("per-file-ignores", f"entry '{pattern}' must be a list of rule codes or names, not {found}")
            per_file.append((pattern, codes("per-file-ignores", rules)))
    pairs: list[tuple[str, str]] = []
    if "acquire-release" in table:
        value = table["acquire-release"]
        if not isinstance(value, dict):
            raise fail("acquire-release", f'must be a table of acquire = "release" method names, not {toml_type(value)}')
        for acquire, release in value.items():
            if not isinstance(release, str) or not _IDENTIFIER.match(release) or not _IDENTIFIER.match(acquire):
                raise fail("acquire-release", f"entry '{acquire}' must map a method name to a method name")
            pairs.append((acquire, release))
    resources: list[tuple[str, tuple[str, ...]]] = []
    if "resources" in table:
        value = table["resources"]
        if not isinstance(value, dict):
            raise fail("resources", 'must be a table of "acquire pattern" = ["release method", ...]')
        for acquire, release in value.items():
            if isinstance(release, str):
                release = [release]
            if not _ACQUIRE_PATTERN.match(acquire.strip()):
                raise fail("resources", f"entry '{acquire}' is not an acquire pattern such as `db.connect` or `new Pool`")
            if not isinstance(release, list) or not release or not all(
                isinstance(r, str) and _IDENTIFIER.match(r) for r in release
            ):
                raise fail("resources", f"entry '{acquire}' must map to a release method name or a list of them")
            resources.append((" ".join(acquire.split()), tuple(release)))
    options = RuleOptions(
        long_lived_receivers=names("long-lived-receivers", _DOTTED, "a name or dotted path such as `bus` or `app.locals`"),
        cleanup_methods=names("cleanup-methods", _IDENTIFIER, "a method name"),
        handler_registrations=names("handler-registrations", _DOTTED, "a function or method name such as `route`"),
        acquire_release=tuple(pairs),
        resources=tuple(resources),
        request_parameters=names("request-parameters", _IDENTIFIER, "a parameter name"),
        handler_prefixes=names("handler-prefixes", _IDENTIFIER, "a function-name prefix"),
        once_names=names("once-names", _IDENTIFIER, "a function name"),
        bounded_keys=names("bounded-keys", _IDENTIFIER, "a parameter name"),
    )
    cache_dir = None
    if "cache-dir" in table:
        value = table["cache-dir"]
        if not isinstance(value, str) or not value.strip():
            raise fail("cache-dir", f"must be a folder path (a non-empty string), not {toml_type(value)}")
        cache_dir = os.path.join(os.path.dirname(path), value)
    min_confidence = None
    if "min-confidence" in table:
        min_confidence = table["min-confidence"]
        if min_confidence not in CONFIDENCE_LEVELS:
            raise fail("min-confidence", f"must be one of {', '.join(CONFIDENCE_LEVELS)}, not {min_confidence!r}")
    return Config(
        path=path,
        select=codes("select", select) if select is not None else None,
        ignore=codes("ignore", ignore) if ignore is not None else None,
        exclude=strings("exclude"),
        extend_exclude=strings("extend-exclude") or (),
        per_file_ignores=tuple(per_file),
        fail_level=fail_level,
        require_reason=flag("require-reason"),
        report_unused_suppressions=flag("report-unused-suppressions"),
        unsafe_fixes=flag("unsafe-fixes"),
        min_confidence=min_confidence,
        test_paths=strings("test-paths"),
        file_timeout=float(limits["file-timeout"]) if "file-timeout" in limits else None,
        max_file_size=int(limits["max-file-size"]) if "max-file-size" in limits else None,
        cache=flag("cache"),
        cache_dir=cache_dir,
        rule_options=options,
    )


def toml_type(value: object) -> str:
    """How TOML calls the type of a value, for error messages ("a string", "a table")."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return "a date or time"


class ConfigResolver:
    """The configuration that governs each file: the nearest one above it.

    `--config FILE` makes one file govern everything and `--isolated` none;
    otherwise each file gets the nearest `leaklint.toml`, or `pyproject.toml`
    with `[tool.leaklint]`, in its own folder or above (so a monorepo
    package's own file applies to its files wherever leaklint is started).
    Lookups are cached per folder; a broken file raises ConfigError.
    """

    def __init__(self, explicit: str | None = None, isolated: bool = False) -> None:
        self.explicit = explicit
        self.isolated = isolated
        self._by_folder: dict[str, str | None] = {}
        self._loaded: dict[str | None, Config] = {}

    def _load(self, path: str | None) -> Config:
        if path not in self._loaded:
            self._loaded[path] = Config() if path is None else load_config(path)
        return self._loaded[path]

    def for_folder(self, folder: str) -> Config:
        """The configuration found from ``folder`` upwards."""
        if self.isolated:
            return self._load(None)
        if self.explicit is not None:
            return self._load(self.explicit)
        return self._load(self._find(str(Path(folder).resolve())))

    def _find(self, folder: str) -> str | None:
        """find_config_file, sharing the answers of parent folders between the files of a tree."""
        pending = []
        current = Path(folder)
        found: str | None = None
        while True:
            key = str(current)
            if key in self._by_folder:
                found = self._by_folder[key]
                break
            pending.append(key)
            candidate = current / "leaklint.toml"
            if candidate.is_file():
                found = str(candidate)
                break
            candidate = current / "pyproject.toml"
            if candidate.is_file() and _has_leaklint_table(candidate):
                found = str(candidate)
                break
            if current.parent == current:
                break
            current = current.parent
        for key in pending:
            self._by_folder[key] = found
        return found

    def for_file(self, path: str) -> Config:
        """The configuration that governs the file at ``path`` (which need not exist)."""
        return self.for_folder(os.path.dirname(os.path.abspath(path)))
