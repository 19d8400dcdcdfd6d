"""The heap-snapshot reader and graph on small hand-built snapshots (no Node needed)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from leaklint.cli import main
from leaklint.heap.graph import HeapGraph
from leaklint.heap.reader import CHUNK_BYTES, SnapshotError, read_snapshot
from tests.heap_support import snapshot_text

# root → (GC roots); root ⇢ global (shortcut); global → a, b; a → c; b → c; c → d;
# global ⇢ d (weak, must not count); d → e.  Dominators: c by global (two paths), d by c.
NODES = [
    ("synthetic", "", 1, 0),
    ("synthetic", "(GC roots)", 3, 0),
    ("object", "global", 5, 10),
    ("object", "A", 7, 100),
    ("object", "B", 9, 200),
    ("object", "C", 11, 300),
    ("closure", "d", 13, 400),
    ("string", "e", 15, 500),
]
EDGES = [
    (0, "element", 1, 1),
    (0, "shortcut", "global", 2),
    (2, "property", "a", 3),
    (2, "property", "b", 4),
    (2, "weak", "w", 6),
    (3, "property", "c", 5),
    (4, "property", "c", 5),
    (5, "property", "d", 6),
    (6, "internal", "e", 7),
]


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.heapsnapshot"
    path.write_text(snapshot_text(NODES, EDGES, locations=[(6, 3, 9, 4)]))
    return path


def test_reader_matches_a_full_json_parse(small):
    raw = read_snapshot(str(small))
    parsed = json.loads(small.read_text())
    assert list(raw.nodes) == parsed["nodes"]
    assert list(raw.edges) == parsed["edges"]
    assert raw.strings == parsed["strings"]
    assert list(raw.locations) == parsed["locations"]
    assert raw.nodes.typecode == "I"


def test_reader_widens_ids_that_do_not_fit_in_four_bytes(tmp_path):
    nodes = [("synthetic", "", 1, 0), ("object", "Big", 2**40 + 1, 8)]
    path = tmp_path / "big.heapsnapshot"
    path.write_text(snapshot_text(nodes, [(0, "element", 1, 1)]))
    graph = HeapGraph(read_snapshot(str(path)))
    assert graph.node_id[1] == 2**40 + 1


def test_reader_handles_strings_longer_than_a_read_chunk(tmp_path):
    long_name = "x" * (CHUNK_BYTES * 3) + "\u00e9\n\"end"
    nodes = [("synthetic", "", 1, 0), ("string", long_name, 3, 8)]
    path = tmp_path / "long.heapsnapshot"
    path.write_text(snapshot_text(nodes, [(0, "element", 1, 1)]), encoding="utf-8")
    graph = HeapGraph(read_snapshot(str(path)))
    assert graph.name(1) == long_name


def test_dominators_and_retained_sizes(small):
    graph = HeapGraph(read_snapshot(str(small)))
    _, idom = graph.dominators()
    # C has two retainers (A and B): only global dominates it. The weak edge global ⇢ d is ignored.
    assert idom[5] == 2
    assert idom[6] == 5
    assert idom[7] == 6
    retained = graph.retained_sizes()
    assert retained[5] == 300 + 400 + 500
    assert retained[3] == 100  # A retains only itself: C is also reachable through B
    assert retained[2] == 10 + 100 + 200 + 1200


def test_retainer_path_skips_weak_edges_and_starts_at_the_global(small):
    graph = HeapGraph(read_snapshot(str(small)))
    edges = graph.retainer_path(7)
    labels = [graph.edge_label(e) for e in edges]
    # Shortest non-weak path; of the equally short retainers of C, A comes first (edge order).
    assert graph.name(graph.edge_source[edges[0]]) == "global"
    assert labels == ["a", "c", "d", "e"]


def test_locations_are_keyed_by_node(small):
    graph = HeapGraph(read_snapshot(str(small)))
    assert graph.locations == {6: (3, 9, 4)}


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "not a V8 heap snapshot"),
        (b"\x89PNG\r\n\x1a\n garbage", "not a V8 heap snapshot"),
        (b'{"hello": [1, 2, 3]}', "not a V8 heap snapshot"),
        (b'{"snapshot": {"meta": {}}, "nodes": [], "edges": [], "strings": []}', "meta has no"),
        (b'[1, 2, 3]', "not a V8 heap snapshot"),
        (b'{"snapshot": {"meta": {"node_fields": ["type"]', "truncated"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, content, message):
    path = tmp_path / "bad.heapsnapshot"
    path.write_bytes(content)
    with pytest.raises(SnapshotError, match=message) as caught:
        read_snapshot(str(path))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.9, 0.999])
def test_truncated_snapshot_is_reported_without_traceback(small, tmp_path, keep):
    data = small.read_bytes()
    cut = tmp_path / "cut.heapsnapshot"
    cut.write_bytes(data[: int(len(data) * keep)])
    result = CliRunner().invoke(main, ["heap", str(small), str(cut)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("leaklint heap: ") and "cut.heapsnapshot" in lines[0]


def test_missing_file_is_a_clear_error(small, tmp_path):
    result = CliRunner().invoke(main, ["heap", str(small), str(tmp_path / "nope.heapsnapshot")])
    assert result.exit_code == 2
    assert "cannot read" in result.output and "Traceback" not in result.output


def test_cli_on_identical_snapshots_reports_no_growth(small):
    result = CliRunner().invoke(main, ["heap", str(small), str(small), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["new_objects"] == 0
    assert report["groups"] == []


def test_cli_reports_a_new_object_under_its_holder(tmp_path):
    before = tmp_path / "before.heapsnapshot"
    after = tmp_path / "after.heapsnapshot"
    before.write_text(snapshot_text(NODES, EDGES))
    grown = NODES + [("object", "Leak", 101, 4000), ("string", "payload", 103, 300_000)]
    more = EDGES + [(3, "property", "leak", 8), (8, "property", "payload", 9)]
    after.write_text(snapshot_text(grown, more))
    result = CliRunner().invoke(main, ["heap", str(before), str(after), "--format", "json", "--min-growth", "1000"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    top = report["groups"][0]
    assert (top["name"], top["count"], top["retained_bytes"], top["growing"]) == ("Leak", 1, 304_000, True)
    assert top["holder"] == "a (A)"
    assert top["retainer_path"] == "global → a (A) → leak (Leak)"
    assert top["status"] == "new"


def test_reader_handles_an_escape_cut_by_a_chunk_boundary(tmp_path):
    # Place a \\u escape so that it straddles the first read chunk's end.
    probe = snapshot_text([("synthetic", "", 1, 0), ("string", "@", 3, 8)], [(0, "element", 1, 1)])
    prefix = probe.index('"@"') + 1
    for shift in range(1, 7):
        name = "y" * (CHUNK_BYTES - prefix - shift) + "\u0001tail"
        nodes = [("synthetic", "", 1, 0), ("string", name, 3, 8)]
        path = tmp_path / f"escape{shift}.heapsnapshot"
        path.write_text(snapshot_text(nodes, [(0, "element", 1, 1)]), encoding="utf-8")
        assert HeapGraph(read_snapshot(str(path))).name(1) == name


def test_progress_bar_draws_for_large_files_only():
    import io

    from leaklint.heap.command import PROGRESS_MIN_BYTES, ProgressBar

    out = io.StringIO()
    bar = ProgressBar("after.heapsnapshot", out)
    bar(PROGRESS_MIN_BYTES, 2 * PROGRESS_MIN_BYTES)
    bar.finish()
    assert "reading after.heapsnapshot [###############...............]  50%" in out.getvalue()
    assert out.getvalue().endswith("\n")
    quiet = io.StringIO()
    small_bar = ProgressBar("small", quiet)
    small_bar(10, 100)
    small_bar.finish()
    assert quiet.getvalue() == ""


def test_reader_reports_progress_up_to_the_file_size(tmp_path):
    long_name = "z" * (CHUNK_BYTES * 2)
    path = tmp_path / "p.heapsnapshot"
    path.write_text(snapshot_text([("synthetic", "", 1, 0), ("string", long_name, 3, 8)], [(0, "element", 1, 1)]))
    seen = []
    read_snapshot(str(path), lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] == path.stat().st_size
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
