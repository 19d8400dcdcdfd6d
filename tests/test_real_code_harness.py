"""The real-code harness (bench/real-code/) agrees with docs/real-code.md,
and its diff reports what changed between two runs.

No network and no fetched code: projects.tsv is checked against the tables
of the docs, and diff.py runs on small synthetic output directories.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HARNESS = ROOT / "bench" / "real-code"
DOCS = ROOT / "docs" / "real-code.md"


def project_rows():
    rows = []
    for line in (HARNESS / "projects.tsv").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def documented_commits():
    """owner/name -> commit, from every table row of docs/real-code.md."""
    text = DOCS.read_text()
    found = {}
    for repo, commit in re.findall(r"\| ([\w.-]+/[\w.-]+)[^|]*?\(`([0-9a-f]{7,})`\)", text):
        found[repo] = commit
    # The Angular table gives the commit in its own column.
    for repo, commit in re.findall(r"^\| ([\w.-]+/[\w.-]+)[^|]*\| ([0-9a-f]{7,}) \|", text, re.M):
        found[repo] = commit
    # hoppscotch and medusa are named in the second round's prose.
    for name, commit in re.findall(r"(hoppscotch|medusa) \(`([0-9a-f]{7,})`", text):
        found[{"hoppscotch": "hoppscotch/hoppscotch", "medusa": "medusajs/medusa"}[name]] = commit
    return found


def test_every_row_has_five_columns_and_a_unique_slug():
    rows = project_rows()
    assert all(len(r) == 5 for r in rows), [r for r in rows if len(r) != 5]
    slugs = [r[0] for r in rows]
    assert len(slugs) == len(set(slugs))


def test_projects_are_the_fifty_three_of_the_docs_at_their_commits():
    rows = {r[1]: r[2] for r in project_rows()}
    docs = documented_commits()
    assert "fifty-three" in DOCS.read_text()
    assert len(rows) == 53
    assert rows == docs


@pytest.mark.parametrize(
    "repo, column, expected",
    [
        ("node-red/node-red", 4, "--no-default-excludes --exclude '**/vendor/**' --exclude '*.min.js'"),
        ("wekan/wekan", 3, "server models client imports config"),
        ("expressjs/express", 4, "-"),
        ("expressjs/express", 3, "-"),
    ],
)
def test_method_flags_and_paths(repo, column, expected):
    row = next(r for r in project_rows() if r[1] == repo)
    assert row[column] == expected


def finding(path, line, rule="LL001", confidence="high", message="m"):
    return {"rule": rule, "confidence": confidence, "path": path, "line": line,
            "column": 1, "message": message}


def write_run(directory, outputs):
    directory.mkdir()
    for slug, findings in outputs.items():
        (directory / f"{slug}.json").write_text(json.dumps({"findings": findings, "errors": []}))
    return directory


def run_diff(old, new, *extra):
    return subprocess.run(
        [sys.executable, str(HARNESS / "diff.py"), str(old), str(new), *extra],
        capture_output=True, text=True,
    )


@pytest.mark.parametrize(
    "old, new, code, lines",
    [
        ({"p": [finding("a.js", 1)]}, {"p": [finding("a.js", 1)]}, 0, []),
        ({"p": []}, {"p": [finding("a.js", 3, message="new one")]}, 1,
         ["+ p a.js:3 LL001 high: new one"]),
        ({"p": [finding("a.js", 3, message="old one")]}, {"p": []}, 1,
         ["- p a.js:3 LL001 high: old one"]),
        ({"p": [finding("a.js", 3, confidence="high")]},
         {"p": [finding("a.js", 3, confidence="medium")]}, 1,
         ["- p a.js:3 LL001 high: m", "+ p a.js:3 LL001 medium: m"]),
        ({"p": [finding("a.js", 3, message="one")]},
         {"p": [finding("a.js", 3, message="reworded")]}, 0, []),
        ({"p": [finding("a.js", 3, rule="LL001")]}, {"p": [finding("a.js", 3, rule="LL004")]}, 1,
         ["- p a.js:3 LL001 high: m", "+ p a.js:3 LL004 high: m"]),
        ({"p": []}, {"p": [], "q": []}, 1, ["! q: output only in NEW"]),
    ],
)
def test_diff_reports_added_and_removed_findings(tmp_path, old, new, code, lines):
    result = run_diff(write_run(tmp_path / "old", old), write_run(tmp_path / "new", new))
    assert result.returncode == code, result.stderr
    assert result.stdout.splitlines() == lines


@pytest.mark.parametrize("project, code", [("p", 0), ("q", 1)])
def test_diff_limited_to_one_project(tmp_path, project, code):
    old = write_run(tmp_path / "old", {"p": [finding("a.js", 1)], "q": []})
    new = write_run(tmp_path / "new", {"p": [finding("a.js", 1)], "q": [finding("b.js", 2)]})
    result = run_diff(old, new, "--project", project)
    assert result.returncode == code
    assert all(line.split()[1] == project for line in result.stdout.splitlines())


def test_summary_counts_confidences_and_marks_unreadable_output(tmp_path):
    run = write_run(tmp_path / "run", {"p": [finding("a.js", 1), finding("a.js", 2, confidence="medium")]})
    (run / "p.secs").write_text("2.5\n")
    (run / "broken.json").write_text("")
    result = subprocess.run(
        [sys.executable, str(HARNESS / "summarize.py"), str(run), "p", "broken"],
        capture_output=True, text=True, check=True,
    )
    assert result.stdout.splitlines() == [
        "slug\tfindings\thigh\tmedium\tseconds",
        "p\t2\t1\t1\t2.5",
        "broken\terror\terror\terror\t0.0",
        "total\t2\t1\t1\t2.5",
    ]
