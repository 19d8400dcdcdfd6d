"""Table tests for fixes: input, the fixed output byte for byte, and that the output is clean.

A `FixCase` is source code for one rule and the exact text `--fix
--unsafe-fixes` must turn it into (``None``: the finding has no fix that
--fix applies).  `check_fix` also asserts that the output parses without
errors, that analysing it again reports nothing for that rule, and that a
second fix run changes nothing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from leaklint import syntax
from leaklint.engine import AnalysisOptions, analyze_source
from leaklint.fix import fix_text
from tests.ruletest import GRAMMARS


@dataclass(frozen=True)
class FixCase:
    """Code with one finding of the rule, and what fixing it must produce."""

    code: str
    output: str | None
    why: str
    lang: str = "js"
    title_contains: str = ""


def _source(code: str) -> bytes:
    return textwrap.dedent(code).lstrip("\n").encode()


def fixed(source: bytes, rule: str, lang: str = "js", unsafe: bool = True, path: str | None = None):
    """Run the fix loop for one rule on source bytes; returns leaklint.fix.FixedText."""
    grammar = GRAMMARS[lang]
    options = AnalysisOptions(rule_codes=(rule,))
    name = path or f"case.{lang}"

    def analyze(text: bytes):
        return analyze_source(name, text, grammar, options)

    return fix_text(source, analyze, lambda result: result.findings, grammar, unsafe)


def check_fix(case: FixCase, rule: str) -> None:
    """Assert the fix output byte for byte, that it parses, re-analyses clean, and is idempotent."""
    source = _source(case.code)
    grammar = GRAMMARS[case.lang]
    before = analyze_source(f"case.{case.lang}", source, grammar, AnalysisOptions(rule_codes=(rule,)))
    assert [f.rule for f in before.findings] == [rule], f"{case.why}: the input must have one {rule} finding"
    outcome = fixed(source, rule, case.lang)
    if case.output is None:
        assert not outcome.changed, f"{case.why}: expected no fix, got\n{outcome.source.decode()}"
        return
    expected = _source(case.output)
    assert outcome.source == expected, f"{case.why}: fixed output differs:\n{outcome.source.decode()}"
    assert case.title_contains in outcome.applied[0].fix.title
    tree, _ = syntax.parse_best(outcome.source, grammar)
    assert not tree.root_node.has_error, f"{case.why}: the fixed output does not parse"
    assert outcome.kept == [], f"{case.why}: still reported after the fix: {[f.message for f in outcome.kept]}"
    again = fixed(outcome.source, rule, case.lang)
    assert not again.changed, f"{case.why}: a second fix run changed the output again"
