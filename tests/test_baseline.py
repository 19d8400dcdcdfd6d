"""`--write-baseline`, `--baseline`, `--prune-baseline`: fingerprints that survive edits above, not edits of the code."""

from __future__ import annotations

import json

from tests.conftest import LEAKY_JS

LISTENERS = """\
const bus = require('./bus');
app.get('/a', (req, res) => {
  bus.on('first', () => res.end());
  bus.on('second', () => res.end());
});
"""


def test_write_then_use_a_baseline(write, cli, tmp_path):
    app = write("src/app.js", LISTENERS)
    written = cli("--write-baseline", "leaklint-baseline.json", "src")
    assert written.exit_code == 0
    assert written.stderr == "leaklint: wrote 2 findings in 1 file to leaklint-baseline.json\n"
    document = json.loads((tmp_path / "leaklint-baseline.json").read_text())
    assert document["tool"] == "leaklint" and document["version"] == 1
    assert list(document["files"]) == ["src/app.js"] and len(document["files"]["src/app.js"]["LL002"]) == 2
    result = cli("--baseline", "leaklint-baseline.json", "src")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.splitlines()[-1] == "0 findings in 0 files (1 file scanned), 2 in the baseline"

    # Lines inserted above: still baselined.
    app.write_text("// header\n/* and a\n   block */\n\n" + LISTENERS)
    assert cli("--baseline", "leaklint-baseline.json", "src").exit_code == 0

    # The flagged code changed: a new finding, and the old entry no longer occurs.
    app.write_text(LISTENERS.replace("bus.on('second', () => res.end());", "bus.on('second', () => res.json({}));"))
    result = cli("--format", "json", "--baseline", "leaklint-baseline.json", "src")
    assert result.exit_code == 1
    assert [f["line"] for f in json.loads(result.stdout)["findings"]] == [4]
    assert result.stderr == (
        "leaklint: 1 entry in leaklint-baseline.json no longer occurs; run with --prune-baseline to remove it\n"
    )


def test_a_new_copy_of_a_baselined_line_is_new(write, cli):
    app = write("app.js", LISTENERS)
    cli("--write-baseline", "b.json", "app.js")
    app.write_text(LISTENERS.replace("  bus.on('second'", "  bus.on('first', () => res.end());\n  bus.on('second'"))
    result = cli("--format", "json", "--baseline", "b.json", "app.js")
    assert result.exit_code == 1 and len(json.loads(result.stdout)["findings"]) == 1


def test_prune_removes_entries_that_no_longer_occur(write, cli, tmp_path):
    app = write("src/app.js", LISTENERS)
    write("src/other.js", LEAKY_JS)
    cli("--write-baseline", "b.json", "src")
    app.write_text(LISTENERS.replace("  bus.on('first', () => res.end());\n", ""))
    (tmp_path / "src" / "other.js").unlink()
    result = cli("--baseline", "b.json", "--prune-baseline", "src")
    assert result.exit_code == 0
    assert result.stderr == "leaklint: removed 2 stale entries from b.json\n"
    files = json.loads((tmp_path / "b.json").read_text())["files"]
    assert list(files) == ["src/app.js"] and len(files["src/app.js"]["LL002"]) == 1
    assert cli("--baseline", "b.json", "src").stderr == ""


def test_unscanned_files_keep_their_entries(write, cli, tmp_path):
    write("a/app.js", LEAKY_JS)
    write("b/app.js", LEAKY_JS)
    cli("--write-baseline", "b.json", ".")
    result = cli("--baseline", "b.json", "--prune-baseline", "a")
    assert result.stderr == "leaklint: removed 0 stale entries from b.json\n"
    assert set(json.loads((tmp_path / "b.json").read_text())["files"]) == {"a/app.js", "b/app.js"}


def test_paths_are_relative_to_the_baseline_file(write, cli, tmp_path, monkeypatch):
    write("src/app.js", LEAKY_JS)
    cli("--write-baseline", "b.json", "src")
    monkeypatch.chdir(tmp_path / "src")
    assert cli("--baseline", "../b.json", "app.js").exit_code == 0


def test_missing_corrupt_or_foreign_baseline_is_exit_2(write, cli):
    write("app.js", LEAKY_JS)
    result = cli("--baseline", "nope.json", "app.js")
    assert result.exit_code == 2
    assert result.stderr == "leaklint: baseline file 'nope.json' not found (create it with --write-baseline nope.json)\n"
    write("bad.json", '{"tool": "leaklint", "version": 1, "files": {')
    result = cli("--baseline", "bad.json", "app.js")
    assert result.exit_code == 2 and result.stderr.startswith("leaklint: baseline file 'bad.json' is not valid JSON (line 1")
    write("other.json", '{"app.js": {"LL001": {"count": 1}}}')
    result = cli("--baseline", "other.json", "app.js")
    assert result.exit_code == 2
    assert result.stderr == "leaklint: baseline file 'other.json' is not a leaklint baseline: missing \"tool\": \"leaklint\"\n"
    write("shape.json", '{"tool": "leaklint", "version": 1, "files": {"app.js": {"LL001": "abc"}}}')
    result = cli("--baseline", "shape.json", "app.js")
    assert result.exit_code == 2 and "must be a list of fingerprints" in result.stderr


def test_baseline_option_conflicts_are_usage_errors(write, cli):
    write("app.js", LEAKY_JS)
    assert cli("--baseline", "a.json", "--write-baseline", "b.json", "app.js").exit_code == 2
    assert cli("--prune-baseline", "app.js").exit_code == 2
