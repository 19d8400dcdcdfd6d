"""Per-case checks of tests/corpus for the rule test modules, on top of the corpus scorer.

tests/test_corpus.py holds the whole corpus to its precision/recall floors;
these checks are stricter for one rule's cases: every leaky side is flagged
exactly at its `// expect: LLnnn` markers and every fixed side gives no
finding at all. Cases are read and run by tests/corpus/score.py, so a case
is checked through the same CLI run (project link included) that scores it.
"""

from __future__ import annotations

from tests.corpus.score import Case, load_cases, run_leaklint


def case_folders(prefix: str) -> list[Case]:
    """The cases whose slug starts with ``prefix`` (`ll007-`)."""
    return [case for case in load_cases() if case.slug.startswith(prefix)]


def check_case(case: Case, rule: str) -> None:
    """The case names the rule and a source; leaky is flagged exactly at its markers; fixed is clean."""
    assert case.meta["source"].startswith("https://"), case.slug
    assert rule in case.meta["rules"], case.slug
    sides = case.sides()
    assert {side.leaky for side in sides} == {True, False}, f"{case.slug}: needs a leaky and a fixed side"
    for side in sides:
        report = run_leaklint(side)
        internal = [e for e in report["errors"] if e["message"].startswith("internal error")]
        assert not internal, internal
        found = {(f["path"], f["rule"], f["line"]) for f in report["findings"]}
        marks = side.markers()
        if side.leaky:
            assert marks and {code for _, code, _ in marks} <= set(case.meta["rules"]), f"{case.slug}: markers {marks}"
        assert found == marks, f"{case.slug}/{side.name}: expected {sorted(marks)}, got {sorted(found)}"
