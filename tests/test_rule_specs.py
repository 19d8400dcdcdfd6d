"""The `rules/` specs: every bad example is flagged by its rule only, every good one by nothing."""

import json

import pytest
from click.testing import CliRunner

from leaklint.cli import main
from leaklint.docs import load_specs
from leaklint.engine import analyze_source
from leaklint.rules import ALL_RULES
from leaklint.suppressions import META_RULES

META_CODES = {meta.code for meta in META_RULES}

SPECS = load_specs()
EXAMPLES = [
    (code, kind, example)
    for code, spec in sorted(SPECS.items())
    for kind, examples in (("bad", spec.bad), ("good", spec.good))
    for example in examples
]


def test_every_rule_has_a_spec_that_agrees_with_its_metadata():
    for rule in ALL_RULES:
        spec = SPECS.get(rule.code)
        assert spec is not None, f"rules/{rule.code}-{rule.name}.md is missing"
        assert spec.name == rule.name
        assert spec.fixable == (rule.fix.value != "none"), "'Fix safety' section iff the rule can fix"
        assert spec.bad and spec.good, f"{rule.code} needs bad and good examples"
        for section in ("Why is this a leak", "How to fix", "Known false positives"):
            assert spec.sections.get(section), f"{rule.code} spec lacks '{section}'"


def test_every_spec_belongs_to_a_rule():
    assert set(SPECS) == {rule.code for rule in ALL_RULES} | META_CODES


def test_every_meta_rule_has_a_spec_that_agrees_with_its_metadata():
    for meta in META_RULES:
        spec = SPECS.get(meta.code)
        assert spec is not None, f"rules/{meta.code}-{meta.name}.md is missing"
        assert spec.name == meta.name
        assert spec.bad and spec.good, f"{meta.code} needs bad and good examples"
        for section in ("What it flags", "Why it matters", "How to fix"):
            assert spec.sections.get(section), f"{meta.code} spec lacks '{section}'"


def _meta_example_findings(example, tmp_path, monkeypatch) -> list[str]:
    """Meta-rules judge directives in the filter stage: run the example through the whole CLI."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "example.js").write_text(example.code)
    result = CliRunner().invoke(
        main,
        ["--format", "json", "--isolated", "--require-reason", "--report-unused-suppressions", "example.js"],
        catch_exceptions=False,
    )
    report = json.loads(result.output)
    assert not report["errors"], report["errors"]
    return [f["rule"] for f in report["findings"]]


def test_rule_docstrings_use_the_fixed_headings():
    headings = ["What it does:", "Why is this a leak:", "Example:", "Use instead:", "Known false positives:"]
    for rule in ALL_RULES:
        module_doc = __import__(rule.__module__, fromlist=["_"]).__doc__
        positions = [module_doc.find(h) for h in headings]
        assert all(p >= 0 for p in positions), f"{rule.code} docstring lacks a heading: {positions}"
        assert positions == sorted(positions), f"{rule.code} docstring headings out of order"


@pytest.mark.parametrize(
    "code,kind,example", EXAMPLES, ids=[f"{c}-{k}-line{e.line}" for c, k, e in EXAMPLES]
)
def test_spec_example(code, kind, example, tmp_path, monkeypatch):
    if code in META_CODES:
        rules = _meta_example_findings(example, tmp_path, monkeypatch)
    else:
        result = analyze_source(f"{code}.example", example.code.encode(), example.grammar)
        assert not result.errors, result.errors
        rules = [f.rule for f in result.findings]
    if kind == "bad":
        assert rules and set(rules) == {code}, f"bad example at line {example.line} gave {rules}"
    else:
        assert rules == [], f"good example at line {example.line} gave {[(f.rule, f.message) for f in result.findings]}"
