"""The rule specs in `rules/*.md`: loading them, their examples, `leaklint explain`.

The specs ship inside the wheel as the `leaklint.specs` package (mapped from the
repository's top-level `rules/` folder), so a non-editable install can explain
rules too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from leaklint.syntax import FENCE_GRAMMARS, Grammar

_HEADING = re.compile(r"^# (LL\d{3}) ([a-z0-9-]+)\s*$")
_SECTION = re.compile(r"^## (.+?)\s*$")
_FENCE = re.compile(r"^```(\w+)?\s*$")


@dataclass(frozen=True)
class Example:
    """One fenced code block from a spec's Bad or Good section."""

    code: str
    grammar: Grammar
    line: int  # where the block starts in the spec, for test messages


@dataclass(frozen=True)
class RuleSpec:
    """A parsed `rules/<code>-<name>.md`."""

    code: str
    name: str
    text: str
    summary: str
    sections: dict[str, str]
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    fixable: bool


def _spec_files() -> list[tuple[str, str]]:
    try:
        root = resources.files("leaklint.specs")
        files = [(entry.name, entry.read_text(encoding="utf-8")) for entry in root.iterdir() if entry.name.endswith(".md")]
        if files:
            return sorted(files)
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        pass
    checkout = Path(__file__).resolve().parent.parent / "rules"
    return sorted((p.name, p.read_text(encoding="utf-8")) for p in checkout.glob("LL*.md"))


def parse_spec(text: str) -> RuleSpec:
    """Split a spec into its heading, sections and example blocks."""
    lines = text.splitlines()
    match = _HEADING.match(lines[0]) if lines else None
    if match is None:
        raise ValueError("a rule spec must start with '# LLnnn rule-name'")
    code, name = match.groups()
    sections: dict[str, list[str]] = {"": []}
    examples: dict[str, list[Example]] = {"Bad": [], "Good": []}
    current = ""
    fence: tuple[str, int, list[str]] | None = None
    for number, line in enumerate(lines[1:], start=2):
        if fence is not None:
            if line.strip() == "```":
                language, start, body = fence
                grammar = FENCE_GRAMMARS.get(language)
                if grammar is not None and current in examples:
                    examples[current].append(Example("\n".join(body) + "\n", grammar, start))
                fence = None
            else:
                fence[2].append(line)
            sections[current].append(line)
            continue
        section = _SECTION.match(line)
        if section:
            current = section.group(1)
            sections[current] = []
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = ((opening.group(1) or "").lower(), number, [])
        sections[current].append(line)
    summary = "\n".join(sections.pop("")).strip()
    return RuleSpec(
        code=code,
        name=name,
        text=text,
        summary=summary,
        sections={k: "\n".join(v).strip() for k, v in sections.items()},
        bad=tuple(examples["Bad"]),
        good=tuple(examples["Good"]),
        fixable="Fix safety" in sections,
    )


def load_specs() -> dict[str, RuleSpec]:
    """Every spec, keyed by rule code."""
    specs = {}
    for _name, text in _spec_files():
        spec = parse_spec(text)
        specs[spec.code] = spec
    return specs
