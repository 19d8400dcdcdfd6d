"""The worker pool: output does not depend on --jobs; chunks cover every file once, big files first."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from leaklint.cli import PARALLEL_THRESHOLD, _grammars_of, _usable_cores
from leaklint.project.run import MAX_CHUNK_FILES, analyze_chunk, balanced_chunks

ROOT = Path(__file__).resolve().parent.parent


def _mixed_tree(tmp_path: Path) -> Path:
    """Multi-file projects (cross-file facts, phase 2), rule samples, the corpus cases and bad input, in one folder."""
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "tests" / "projects", tree / "projects")
    shutil.copytree(ROOT / "samples", tree / "samples", ignore=shutil.ignore_patterns("node_modules", "*.json"))
    shutil.copytree(ROOT / "tests" / "corpus", tree / "corpus", ignore=shutil.ignore_patterns("*.py", "*.toml", "*.md"))
    (tree / "bad").mkdir()
    (tree / "bad" / "binary.js").write_bytes(b"\0\1\2" * 100)
    (tree / "bad" / "latin1.js").write_bytes(b"const caf\xe9 = 1;\n")
    (tree / "bad" / "broken.ts").write_text("function (( {\n  const x = new Map();\n")
    return tree


def test_json_output_is_byte_identical_for_any_jobs(tmp_path, cli):
    tree = _mixed_tree(tmp_path)
    files = [p for p in tree.rglob("*") if p.is_file()]
    assert len(files) > 4 * PARALLEL_THRESHOLD  # big enough that --jobs 2 really uses the pool
    outputs = {jobs: cli("--format", "json", "--isolated", "--jobs", jobs, str(tree)) for jobs in ("1", "2", "3")}
    assert outputs["1"].exit_code == 1  # the samples have findings
    assert '"findings": []' not in outputs["1"].output
    assert outputs["2"].output == outputs["1"].output
    assert outputs["3"].output == outputs["1"].output
    assert outputs["2"].exit_code == outputs["3"].exit_code == outputs["1"].exit_code


@pytest.mark.parametrize(
    ("sizes", "workers"),
    [
        ([], 2),
        ([10], 2),
        ([5] * 1000, 2),
        ([1_000_000, 10, 10, 10, 500_000, 3, 0, 0], 2),
        (list(range(300)), 4),
        ([0] * 200, 2),
    ],
)
def test_balanced_chunks_cover_every_file_once(sizes, workers):
    chunks = balanced_chunks(sizes, workers)
    flat = [i for chunk in chunks for i in chunk]
    assert sorted(flat) == list(range(len(sizes)))
    assert all(chunk and len(chunk) <= MAX_CHUNK_FILES for chunk in chunks)
    order = [sizes[i] for i in flat]
    assert order == sorted(order, reverse=True)  # submitted largest first


def test_balanced_chunks_keep_big_files_alone_and_group_small_ones():
    sizes = [400_000, 300_000] + [1_000] * 300
    chunks = balanced_chunks(sizes, 2)
    assert chunks[0] == [0] and chunks[1] == [1]
    small = chunks[2:]
    assert len(small) < 300 / 4  # many small files per round trip
    total = sum(sizes)
    assert all(sum(sizes[i] for i in chunk) <= total // (2 * 8) + 1_000 for chunk in small)


def test_default_jobs_and_worker_grammars():
    assert 1 <= _usable_cores() <= (__import__("os").cpu_count() or 1)

    class F:
        def __init__(self, path):
            self.path = path

    assert _grammars_of([F("a.js")]) == ("javascript", "tsx")  # `.js` may fall back to TSX
    assert _grammars_of([F("a.ts"), F("b.mts")]) == ("typescript",)
    assert _grammars_of([F("a.tsx"), F("b.vue")]) == ("javascript", "tsx")



_PARENT = os.getpid()
_IN_PARENT: list[str] = []  # files analyzed by the test process itself


def _recording_chunk(calls):
    """analyze_chunk, noting the files analyzed in the test process (a forked worker has another pid)."""
    if os.getpid() == _PARENT:
        _IN_PARENT.extend(call[0] for call in calls)
    return analyze_chunk(calls)


def test_the_parent_analyzes_the_chunks_no_worker_started_and_the_results_are_the_same(monkeypatch):
    from concurrent.futures import ProcessPoolExecutor

    from leaklint.engine import AnalysisOptions, analyze_path
    from leaklint.project import run

    files = sorted(str(p) for p in (ROOT / "samples").rglob("*.js"))
    files += sorted(str(p) for p in (ROOT / "tests" / "projects").rglob("*.js"))
    calls = [(path, path, AnalysisOptions(summarize=True)) for path in files]
    assert len(calls) > PARALLEL_THRESHOLD

    class HelpedPool(ProcessPoolExecutor):
        parent_works = True

    _IN_PARENT.clear()
    with HelpedPool(max_workers=1) as pool:
        monkeypatch.setattr(run, "analyze_chunk", _recording_chunk)
        results = run._map(pool, calls, threshold=1)
    assert _IN_PARENT, "the parent analyzed no chunk"
    assert len(_IN_PARENT) < len(calls), "the worker analyzed no chunk"
    assert [r.path for r in results] == files
    assert results == [analyze_path(*call) for call in calls]
