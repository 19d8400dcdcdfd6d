"""Reading and validating `[tool.leaklint]` in `pyproject.toml` or a `leaklint.toml`.

The configuration file is found by walking up from the working directory: in
each folder `leaklint.toml` wins over `pyproject.toml`, and a `pyproject.toml`
without a `[tool.leaklint]` table is passed over.  Every key is checked here,
so an unknown key or a bad value is one clear `ConfigError` naming the key;
the command line turns it into exit code 2.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from leaklint.findings import Severity
from leaklint.rules import rule_by_code_or_name

CONFIG_FILES = ("leaklint.toml", "pyproject.toml")
FAIL_LEVELS = tuple(s.value for s in Severity)
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

    def as_pairs(self) -> tuple[tuple[str, object], ...]:
        """The form `AnalysisOptions.rule_options` carries (only the options that are set)."""
        pairs = []
        for name in ("long_lived_receivers", "cleanup_methods", "handler_registrations", "acquire_release"):
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
    file_timeout: float | None = None  # seconds per file
    max_file_size: int | None = None  # bytes, for files found by walking folders
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
    "long-lived-receivers",
    "cleanup-methods",
    "handler-registrations",
    "acquire-release",
    "file-timeout",
    "max-file-size",
)


def parse_table(table: dict, path: str, where: str = "[tool.leaklint]") -> Config:
    """Validate a `[tool.leaklint]` table; every problem names its key."""

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: {where}: '{key}' {problem}")

    for key in table:
        if key not in _KEYS:
            close = difflib.get_close_matches(key.replace("_", "-"), _KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(_KEYS)}"
            raise ConfigError(f"{path}: {where}: unknown key '{key}'{hint}")

    def strings(key: str) -> tuple[str, ...] | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(key, "must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def codes(key: str, value: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        out = []
        for item in value:
            for part in item.split(","):
                part = part.strip()
                if not part:
                    continue
                rule = rule_by_code_or_name(part)
                if rule is None:
                    raise fail(key, f"names an unknown rule '{part}' (see `leaklint rules`)")
                out.append(rule.code)
        return tuple(out)

    def flag(key: str) -> bool | None:
        if key not in table:
            return None
        if not isinstance(table[key], bool):
            raise fail(key, "must be true or false")
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
            raise fail("per-file-ignores", 'must be a table of glob = ["CODE", ...]')
        for pattern, rules in value.items():
            if isinstance(rules, str):
                rules = [rules]
            if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
                raise fail("per-file-ignores", f"entry '{pattern}' must be a list of rule codes or names")
            per_file.append((pattern, codes("per-file-ignores", rules)))
    pairs: list[tuple[str, str]] = []
    if "acquire-release" in table:
        value = table["acquire-release"]
        if not isinstance(value, dict):
            raise fail("acquire-release", 'must be a table of acquire = "release" method names')
        for acquire, release in value.items():
            if not isinstance(release, str) or not _IDENTIFIER.match(release) or not _IDENTIFIER.match(acquire):
                raise fail("acquire-release", f"entry '{acquire}' must map a method name to a method name")
            pairs.append((acquire, release))
    options = RuleOptions(
        long_lived_receivers=names("long-lived-receivers", _DOTTED, "a name or dotted path such as `bus` or `app.locals`"),
        cleanup_methods=names("cleanup-methods", _IDENTIFIER, "a method name"),
        handler_registrations=names("handler-registrations", _DOTTED, "a function or method name such as `route`"),
        acquire_release=tuple(pairs),
    )
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
        file_timeout=float(limits["file-timeout"]) if "file-timeout" in limits else None,
        max_file_size=int(limits["max-file-size"]) if "max-file-size" in limits else None,
        rule_options=options,
    )
