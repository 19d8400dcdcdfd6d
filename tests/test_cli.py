"""The command line: exit codes, output formats, rule selection, subcommands."""

import json
import subprocess
import sys

from tests.conftest import CLEAN_JS, LEAKY_JS


def test_exit_codes_and_json_fields(write, cli_json):
    write("src/leaky.js", LEAKY_JS)
    write("src/clean.js", CLEAN_JS)
    code, report = cli_json("src")
    assert code == 1
    assert report["version"]
    assert report["errors"] == []
    [finding] = report["findings"]
    assert finding["rule"] == "LL001"
    assert finding["name"] == "unbounded-collection"
    assert finding["severity"] == "warning"
    assert finding["path"] == "src/leaky.js"
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (1, 7, 1, 12)
    assert "module-level Map `cache`" in finding["message"]
    [related] = [r for r in finding["related"] if r["line"] == 3]
    assert related == {
        "path": "src/leaky.js",
        "line": 3,
        "column": 3,
        "end_line": 3,
        "end_column": 39,
        "message": related["message"],
    }


def test_clean_code_exits_zero(write, cli):
    write("clean.js", CLEAN_JS)
    result = cli("clean.js")
    assert result.exit_code == 0
    assert result.output.strip() == "0 findings in 0 files (1 file scanned)"


def test_text_output_has_location_code_frame_and_summary(write, cli):
    write("leaky.js", LEAKY_JS)
    result = cli("leaky.js", "--color", "never")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("leaky.js:1:7: LL001 [unbounded-collection] warning: module-level Map `cache`")
    assert " > 1 | const cache = new Map();" in lines
    caret_line = lines[lines.index(" > 1 | const cache = new Map();") + 1]
    assert caret_line == "     |       ^^^^^"
    assert lines[-1] == "1 finding in 1 file (1 file scanned)"
    assert "\x1b[" not in result.output


def test_color_always_uses_ansi_codes(write, cli):
    write("leaky.js", LEAKY_JS)
    assert "\x1b[" in cli("leaky.js", "--color", "always").output


def test_select_and_ignore_accept_codes_and_names(write, cli_json):
    write("leaky.js", LEAKY_JS)
    assert cli_json("--select", "LL002", "leaky.js") == (0, cli_json("--select", "LL002", "leaky.js")[1])
    assert cli_json("--select", "LL002", "leaky.js")[1]["findings"] == []
    assert cli_json("--ignore", "unbounded-collection", "leaky.js")[1]["findings"] == []
    assert len(cli_json("--select", "ll001", "leaky.js")[1]["findings"]) == 1


def test_unknown_rule_is_a_usage_error(write, cli):
    write("a.js", CLEAN_JS)
    result = cli("--select", "LL999", "a.js")
    assert result.exit_code == 2
    assert "unknown rule 'LL999'" in result.output


def test_missing_path_is_a_usage_error(cli):
    result = cli("does-not-exist")
    assert result.exit_code == 2
    assert "no such file or directory: does-not-exist" in result.output


def test_exit_zero(write, cli):
    write("leaky.js", LEAKY_JS)
    assert cli("--exit-zero", "leaky.js").exit_code == 0


def test_output_file(write, cli, tmp_path):
    write("leaky.js", LEAKY_JS)
    result = cli("--format", "json", "--output-file", "out.json", "leaky.js")
    assert result.exit_code == 1
    assert result.output == ""
    assert json.loads((tmp_path / "out.json").read_text())["findings"][0]["rule"] == "LL001"


def test_rules_lists_every_rule_and_the_meta_rules(cli):
    from leaklint.rules import ALL_RULES
    from leaklint.suppressions import META_RULES

    text = cli("rules").output
    for rule in [*ALL_RULES, *META_RULES]:
        assert rule.code in text and rule.name in text
    rows = json.loads(cli("rules", "--format", "json").output)
    assert [r["code"] for r in rows] == [r.code for r in ALL_RULES] + ["LL900", "LL901", "LL902"]


def test_explain_by_code_and_by_name(cli):
    by_code = cli("explain", "LL002")
    by_name = cli("explain", "unremoved-listener")
    assert by_code.exit_code == 0
    assert by_code.output == by_name.output
    assert by_code.output.startswith("# LL002 unremoved-listener")
    assert "## Bad" in by_code.output and "## Good" in by_code.output
    assert cli("explain", "nope").exit_code == 2


def test_parallel_run_matches_serial(write, cli_json):
    for index in range(20):
        write(f"src/f{index:02}.js", LEAKY_JS if index % 3 == 0 else CLEAN_JS)
    serial = cli_json("--jobs", "1", "src")
    parallel = cli_json("--jobs", "2", "src")
    assert serial == parallel
    assert len(serial[1]["findings"]) == 7


def test_python_dash_m_entry_point(tmp_path):
    (tmp_path / "leaky.js").write_text(LEAKY_JS)
    result = subprocess.run(
        [sys.executable, "-m", "leaklint", "--format", "json", "leaky.js"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["findings"][0]["rule"] == "LL001"
