"""The real-world-reduced corpus in tests/corpus/: its cases are well-formed, and leaklint's
precision and recall on it never fall below the floors recorded in tests/corpus/floor.toml."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from leaklint.rules import ALL_RULES
from tests.corpus import score as corpus

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

KNOWN_RULES = {rule.code for rule in ALL_RULES}
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "listener-on-singleton" / "leaky.js"
CASES = corpus.load_cases()


@pytest.fixture(scope="module")
def measured() -> corpus.Score:
    return corpus.score_cases(CASES)


def _floors() -> dict:
    with open(corpus.FLOOR_FILE, "rb") as handle:
        return tomllib.load(handle)


# --- the floor -------------------------------------------------------------------------------


def test_overall_precision_and_recall_stay_at_or_above_the_floor(measured):
    floor = _floors()["overall"]
    overall = measured.overall
    assert overall.precision >= floor["precision"], corpus.render(measured)
    assert (overall.recall or 0.0) >= floor["recall"], corpus.render(measured)


@pytest.mark.parametrize("code", sorted(_floors().get("rules", {})))
def test_rule_precision_and_recall_stay_at_or_above_the_floor(measured, code):
    floor = _floors()["rules"][code]
    rule = measured.per_rule.get(code, corpus.RuleScore())
    if "precision" in floor:
        assert rule.precision >= floor["precision"], corpus.render(measured)
    if "recall" in floor:
        assert rule.recall is not None, f"{code} has a recall floor but no marker left in the corpus"
        assert rule.recall >= floor["recall"], corpus.render(measured)


def test_every_rule_with_markers_has_a_recorded_floor():
    floors = _floors().get("rules", {})
    marked = {code for case in CASES for side in case.sides() for _, code, _ in side.markers()}
    missing = sorted(code for code in marked if "recall" not in floors.get(code, {}))
    assert not missing, f"run `python -m tests.corpus.score --write-floor` to record floors for {missing}"


def test_floor_is_rounded_down_to_two_decimals():
    assert corpus.floor_of(0.29) == 0.29
    assert corpus.floor_of(2 / 3) == 0.66
    assert corpus.floor_of(1.0) == 1.0
    assert corpus.floor_of(0.0) == 0.0


def test_rewriting_the_floor_keeps_the_history_comments():
    """`--write-floor` used to drop every comment saying why an earlier floor was lowered or raised."""
    written = corpus.FLOOR_FILE.read_text(encoding="utf-8")
    history = corpus.floor_history(written)
    assert history and all(line.startswith("# ") for line in history)
    assert not any("Minimum precision/recall" in line for line in history)  # the header is written once
    score = corpus.Score(per_rule={"LL001": corpus.RuleScore(tp=3, fn=1, fp=1)})
    text = corpus.floor_toml(score, history)
    assert corpus.floor_history(text) == history
    assert text.count("Minimum precision/recall") == 1
    assert "[rules.LL001]\nprecision = 0.75\nrecall = 0.75" in text


# --- the shape of the corpus -----------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case.slug for case in CASES])
def test_case_is_well_formed(case):
    meta = case.meta
    assert str(meta.get("source", "")).startswith("https://"), "case.toml needs the source URL"
    assert str(meta.get("summary", "")).strip(), "case.toml needs a one-line summary"
    rules = meta.get("rules")
    assert isinstance(rules, list) and rules, "case.toml needs rules = [...]"
    assert set(rules) <= KNOWN_RULES, f"unknown rule in {rules}"

    sides = case.sides()
    assert sides, "a case needs leaky.* / leaky/ and/or fixed.* / fixed/ / negative.*"
    names = [side.name.split(".", 1)[0] for side in sides]
    assert len(names) == len(set(names)), f"one file or one folder per side, not both: {names}"
    for side in sides:
        files = side.source_files()
        assert files, f"{side.name} holds no source file"
        markers = side.markers()
        assert {code for _, code, _ in markers} <= KNOWN_RULES, markers
        if side.leaky:
            assert markers, f"{side.name} has no // expect: marker"
            assert {code for _, code, _ in markers} <= set(rules), "markers must name rules listed in case.toml"
        else:
            assert not markers, f"{side.name} must not carry // expect: markers"
        for file in files:
            lines = file.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines, start=1):
                if corpus.MARKER.search(line):
                    assert number < len(lines), f"{file.name}:{number}: marker on the last line"


def test_corpus_spread_covers_every_rule_and_both_signs():
    positives: dict[str, int] = {}
    for case in CASES:
        for side in case.sides():
            if side.leaky:
                for code in {code for _, code, _ in side.markers()}:
                    positives[code] = positives.get(code, 0) + 1
    negatives = [case for case in CASES if not any(side.leaky for side in case.sides())]
    multi_file = [case for case in CASES if any(side.path.is_dir() and len(side.source_files()) > 1 for side in case.sides())]
    assert len(CASES) >= 60
    for code in ("LL001", "LL002", "LL003", "LL004", "LL005", "LL006"):
        assert positives.get(code, 0) >= 6, f"{code}: only {positives.get(code, 0)} leaky cases"
    assert len(negatives) >= 15
    assert len(multi_file) >= 10


# --- the scorer itself -----------------------------------------------------------------------


def _write_case(root: Path, slug: str, files: dict[str, str]) -> None:
    folder = root / slug
    folder.mkdir(parents=True)
    (folder / "case.toml").write_text(
        'source = "https://example.invalid/x"\nrules = ["LL002", "LL004"]\nsummary = "scorer test"\n'
    )
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


def test_scorer_counts_hits_misses_and_false_positives(tmp_path):
    leaky = SAMPLE.read_text()  # flagged exactly at its marker (test_samples_static pins that)
    unflagged_marker = "// expect: LL004\nconst nothingHere = 1;\n"
    _write_case(tmp_path, "single", {"leaky.js": leaky + unflagged_marker, "fixed.js": leaky})
    _write_case(tmp_path, "multi", {"leaky/a.js": leaky, "leaky/b.js": "module.exports = 1;\n"})
    shutil.copy(SAMPLE, tmp_path / "not-a-case.js")  # folders without case.toml are ignored

    score = corpus.score_cases(corpus.load_cases(tmp_path))

    assert score.cases == 2 and score.leaky_sides == 2 and score.clean_sides == 1
    assert score.rule("LL002").tp == 2
    assert score.rule("LL004").fn == 1
    assert {(m["case"], m["rule"], m["path"]) for m in score.misses} == {("single", "LL004", "leaky.js")}
    assert {f["path"] for f in score.false_positives} == {"fixed.js"}
    assert score.clean_sides_flagged == 1
    assert score.overall.tp == 2 and score.overall.fn == 1 and score.overall.fp >= 1
    assert score.rule("LL002").precision < 1.0 and score.rule("LL004").recall == 0.0


def test_scorer_json_output_is_machine_readable(tmp_path, monkeypatch, capsys):
    _write_case(tmp_path, "single", {"leaky.js": SAMPLE.read_text()})
    monkeypatch.setattr(corpus, "CORPUS", tmp_path)
    assert corpus.cli(["--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["cases"] == 1 and report["negative_cases"] == 0
    assert report["per_rule"]["LL002"] == {"tp": 1, "fn": 0, "fp": 0, "precision": 1.0, "recall": 1.0}
    assert report["misses"] == [] and report["false_positives"] == []


def test_scorer_table_lists_misses_by_case_rule_and_line(tmp_path, monkeypatch, capsys):
    _write_case(tmp_path, "single", {"leaky.js": "// expect: LL004\nconst nothingHere = 1;\n"})
    monkeypatch.setattr(corpus, "CORPUS", tmp_path)
    assert corpus.cli([]) == 0
    table = capsys.readouterr().out
    assert re.search(r"^LL004\s+0\s+1\s+0\s+1\.00\s+0\.00$", table, re.M), table
    assert "  single: LL004 leaky.js:2" in table
