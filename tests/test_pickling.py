"""What workers send back: compact pickles of summaries and spans that unpickle equal, and the parent's GC pause."""

from __future__ import annotations

import gc
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from pathlib import Path

import pytest

from leaklint.engine import AnalysisOptions, analyze_path, collector_paused
from leaklint.findings import Related, Span
from leaklint.pickling import compact_pickling
from leaklint.project import summary
from leaklint.project.run import _map

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = ROOT / "tests" / "projects"

COMPACT_CLASSES = [
    Span, Related, summary.Target, summary.FunctionSummary, summary.Edge, summary.CallOut,
    summary.HandlerUse, summary.Instantiation, summary.ClassArgument, summary.FileSummary,
]


def _project_files() -> list[Path]:
    return sorted(p for p in PROJECTS.rglob("*") if p.suffix in (".js", ".ts", ".mjs", ".cjs", ".tsx", ".jsx"))


@pytest.mark.parametrize("cls", COMPACT_CLASSES, ids=lambda c: c.__name__)
def test_compact_classes_pickle_to_a_tuple_of_their_fields(cls):
    state = cls.__getstate__
    assert state.__module__ == "leaklint.pickling"  # not dataclasses' per-object fields() walk
    names = [f.name for f in fields(cls)]
    assert state.__qualname__.startswith("_state_functions")
    assert len(names) >= 1


def test_summaries_and_findings_unpickle_equal_to_what_was_sent():
    files = _project_files()
    assert len(files) > 10
    options = AnalysisOptions(summarize=True)
    seen = {cls: 0 for cls in COMPACT_CLASSES}

    def count(value):
        if type(value) in seen:
            seen[type(value)] += 1
        if hasattr(value, "__dataclass_fields__"):
            for f in fields(value):
                count(getattr(value, f.name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                count(item)

    for path in files:
        result = analyze_path(str(path), str(path), options)
        again = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        assert again.summary == result.summary
        assert again.findings == result.findings
        assert again == result
        count(result)
    # the projects exercise the records that matter most (spans, calls, edges, functions, related notes)
    for cls in (Span, Related, summary.FileSummary, summary.FunctionSummary, summary.Edge, summary.CallOut):
        assert seen[cls] > 0, cls.__name__


def test_an_unpickled_record_stays_frozen_and_hashes_like_the_original():
    span = Span(3, 9, 1, 4, 1, 10)
    again = pickle.loads(pickle.dumps(span))
    assert again == span and hash(again) == hash(span)
    with pytest.raises(AttributeError):
        again.line = 2  # type: ignore[misc]


def test_a_state_of_the_wrong_length_is_refused():
    span = Span.__new__(Span)
    with pytest.raises(ValueError, match="expected 6"):
        span.__setstate__((1, 2, 3))


def test_compact_pickling_refuses_a_class_without_slots():
    @dataclass(frozen=True)
    class Plain:
        value: int

    with pytest.raises(TypeError, match="not a slotted dataclass"):
        compact_pickling(Plain)


def test_compact_pickling_of_a_one_field_class():
    @dataclass(frozen=True, slots=True)
    class One:
        value: tuple

    compact_pickling(One)
    one = One((1, "a"))
    assert One.__getstate__(one) == ((1, "a"),)
    globals()["One"] = One  # picklable by name for the round trip
    One.__qualname__ = "One"
    try:
        assert pickle.loads(pickle.dumps(one)) == one
    finally:
        del globals()["One"]


def test_collector_paused_restores_the_collector():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_collector_paused_collects_the_young_generation_after_when_asked(monkeypatch):
    collected = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation) or 0)
    with collector_paused():
        pass
    assert collected == []
    with collector_paused(collect_after=True):
        assert not gc.isenabled()
    assert collected == [0] and gc.isenabled()


def _worker_collects(_ignored) -> bool:
    return gc.isenabled()


def test_pool_map_leaves_the_collector_on_in_parent_and_workers():
    files = _project_files()[:20]
    calls = [(str(p), str(p), AnalysisOptions(summarize=True)) for p in files]
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = _map(pool, calls, threshold=1)
        assert all(pool.map(_worker_collects, range(4)))  # forked before the pause: they still collect
    assert gc.isenabled()
    assert [r.path for r in results] == [c[1] for c in calls]
    assert results == [analyze_path(*call) for call in calls]


def test_the_link_runs_with_the_collector_paused_and_it_is_back_on_after(monkeypatch):
    from leaklint.discover import discover
    from leaklint.project import link as link_module
    from leaklint.project.run import analyze_project

    seen = []
    real_link = link_module.link

    def recording_link(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_link(*args, **kwargs)

    monkeypatch.setattr(link_module, "link", recording_link)
    found = discover([str(PROJECTS)])
    results = analyze_project(found.files, AnalysisOptions(), None, 16)
    assert seen == [False]
    assert gc.isenabled()
    assert len(results) >= len(found.files)
