"""The per-rule prefilter (Rule.required_words) never hides a finding the full analysis makes.

Every JavaScript/TypeScript file of the test corpus, the samples, the rule
specs' examples, the multi-file projects and the fixtures is analyzed with
the prefilter and without it (engine.PREFILTER), file by file and as whole
projects through the CLI (so the project link's phase 2 is covered too); the
findings and errors must be the same.  A rule that changes what it looks
for must change its words: this test fails otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint import engine, syntax
from leaklint.cli import main
from leaklint.docs import load_specs
from leaklint.engine import analyze_path, analyze_source, may_apply
from leaklint.model.options import ModelOptions
from leaklint.rules import ALL_RULES
from leaklint.rules.unreleased_resource import UnreleasedResource
from leaklint.rules.unremoved_listener import UnremovedListener
from leaklint.rules.uncleared_interval import UnclearedInterval

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "tests" / "corpus", ROOT / "samples", ROOT / "tests" / "projects", ROOT / "tests" / "fixtures"]
EXTENSIONS = set(syntax.EXTENSION_GRAMMARS)


def _source_files() -> list[Path]:
    return sorted(
        p for folder in FOLDERS for p in folder.rglob("*")
        if p.is_file() and p.suffix in EXTENSIONS and "node_modules" not in p.parts
    )


def _both_ways(monkeypatch, run):
    monkeypatch.setattr(engine, "PREFILTER", True)
    filtered = run()
    monkeypatch.setattr(engine, "PREFILTER", False)
    full = run()
    monkeypatch.setattr(engine, "PREFILTER", True)
    return filtered, full


def test_every_test_file_gives_the_same_findings_with_and_without_the_prefilter(monkeypatch):
    files = _source_files()
    assert len(files) > 200
    skipped = 0
    for path in files:
        filtered, full = _both_ways(monkeypatch, lambda: analyze_path(str(path), str(path)))
        assert filtered.findings == full.findings, path
        assert filtered.errors == full.errors, path
        source = path.read_bytes()
        skipped += sum(not may_apply(rule, source, ModelOptions()) for rule in ALL_RULES)
    assert skipped > len(files)  # the prefilter really skips work on these files


def test_rule_spec_examples_give_the_same_findings_with_and_without_the_prefilter(monkeypatch):
    examples = [e for spec in load_specs().values() for e in (*spec.bad, *spec.good)]
    assert len(examples) > 20
    for example in examples:
        filtered, full = _both_ways(
            monkeypatch, lambda: analyze_source("example", example.code.encode(), example.grammar)
        )
        assert filtered.findings == full.findings, example.code


@pytest.mark.parametrize(
    "folder",
    [ROOT / "samples", ROOT / "tests" / "corpus"] + sorted(p for p in (ROOT / "tests" / "projects").iterdir() if p.is_dir()),
    ids=lambda p: p.name,
)
def test_whole_projects_give_the_same_report_with_and_without_the_prefilter(folder, monkeypatch):
    def run() -> str:
        result = CliRunner().invoke(main, ["--format", "json", "--isolated", "--jobs", "1", str(folder)])
        assert result.exit_code in (0, 1), result.output
        return result.output

    filtered, full = _both_ways(monkeypatch, run)
    assert filtered == full


@pytest.mark.parametrize(
    ("rule", "source", "options", "applies"),
    [
        (UnremovedListener, b"emitter.on('data', handle);", ModelOptions(), True),
        (UnremovedListener, b"emitter\n  .removeListener('x', f);", ModelOptions(), True),
        (UnremovedListener, b"const onion = 1; x.$onion('a', f); on_x();", ModelOptions(), False),
        (UnremovedListener, b"store.subscribe(listener);", ModelOptions(), True),
        (UnremovedListener, b"store.watch(listener);", ModelOptions(), False),
        (UnremovedListener, b"store.watch(listener);", ModelOptions(acquire_release=(("watch", "unwatch"),)), True),
        (UnclearedInterval, b"setInterval(tick, 1000);", ModelOptions(), True),
        (UnclearedInterval, b"setTimeout(tick, 1000); mySetInterval();", ModelOptions(), True),
        (UnclearedInterval, b"queueMicrotask(tick); mySetInterval(); setTimeouts();", ModelOptions(), False),
        (UnreleasedResource, b"const pool = new pg.Pool();", ModelOptions(), True),
        (UnreleasedResource, b"const lease = db.checkout();", ModelOptions(), False),
        (UnreleasedResource, b"const lease = db.checkout();", ModelOptions(resources=(("db.checkout", ("release",)),)), True),
    ],
)
def test_may_apply_looks_for_whole_words_including_configured_ones(rule, source, options, applies):
    assert may_apply(rule, source, options) is applies


def test_rules_without_words_always_apply():
    broad = [rule for rule in ALL_RULES if rule.required_words(ModelOptions()) is None]
    assert broad  # LL001, LL003, LL005 … look at every file
    assert all(may_apply(rule, b"", ModelOptions()) for rule in broad)
