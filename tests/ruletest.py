"""Table-driven rule tests, in the manner of ESLint's RuleTester.

A case is source code plus, for invalid cases, the exact (line, column) of
every finding the rule must report.  Valid cases must report nothing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from leaklint.engine import AnalysisOptions, analyze_source
from leaklint.findings import Finding
from leaklint.syntax import Grammar

GRAMMARS = {"js": Grammar.JAVASCRIPT, "ts": Grammar.TYPESCRIPT, "tsx": Grammar.TSX}


@dataclass(frozen=True)
class Valid:
    """Code the rule must stay quiet on; ``why`` names the idiom."""

    code: str
    why: str
    lang: str = "js"


@dataclass(frozen=True)
class Invalid:
    """Code the rule must flag at exactly these (line, column) positions."""

    code: str
    at: tuple[tuple[int, int], ...]
    why: str
    lang: str = "js"
    message_contains: str = ""


def run(code: str, rule: str, lang: str = "js") -> list[Finding]:
    """Findings of one rule on dedented code."""
    source = textwrap.dedent(code).lstrip("\n").encode()
    result = analyze_source(f"case.{lang}", source, GRAMMARS[lang], AnalysisOptions(rule_codes=(rule,)))
    internal = [e for e in result.errors if e.message.startswith("internal error")]
    assert not internal, internal
    return result.findings


def check_valid(case: Valid, rule: str) -> None:
    """Assert the rule reports nothing."""
    findings = run(case.code, rule, case.lang)
    assert findings == [], f"{case.why}: unexpected {[(f.line, f.column, f.message) for f in findings]}"


def check_invalid(case: Invalid, rule: str) -> None:
    """Assert the rule reports exactly at the expected positions."""
    findings = run(case.code, rule, case.lang)
    positions = tuple((f.line, f.column) for f in findings)
    assert positions == case.at, f"{case.why}: expected {case.at}, got {[(f.line, f.column, f.message) for f in findings]}"
    for finding in findings:
        assert finding.rule == rule
        assert case.message_contains in finding.message, finding.message


def ids(cases) -> list[str]:
    """pytest ids from the cases' `why`."""
    return [c.why for c in cases]


def project_findings(root, files: dict[str, str] | None = None) -> list[dict]:
    """The JSON findings of `leaklint --isolated --no-cache .` run from ``root``, after writing ``files`` there."""
    import json
    import os
    from pathlib import Path

    from click.testing import CliRunner

    from leaklint.cli import main

    for relative, text in (files or {}).items():
        path = Path(root) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["--format", "json", "--isolated", "--no-cache", "."], catch_exceptions=False)
    finally:
        os.chdir(old)
    return json.loads(result.output)["findings"]
