"""Command-line pieces that editors, pre-commit and CI rely on.

`--stdin-filename`, `--force-exclude`, the configuration found per file,
several reports from one run (`--report FORMAT=PATH`), `--format` aliases,
the colour environment variables and explicitly named non-JavaScript files.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from leaklint.cli import main
from tests.conftest import CLEAN_JS, LEAKY_JS

LISTENER_TS = """\
import { bus } from './bus';
app.get('/a', (req: Request, res: Response) => {
  bus.on('x', () => res.end());
});
"""


def _stdin(tmp_path, monkeypatch, source: str, *args: str):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, list(args), input=source, catch_exceptions=False)


# -- --stdin-filename ----------------------------------------------------------


def test_stdin_is_reported_under_the_given_name(tmp_path, monkeypatch):
    result = _stdin(tmp_path, monkeypatch, LEAKY_JS, "--format", "json", "--isolated", "--stdin-filename", "src/a.ts", "-")
    assert result.exit_code == 1
    [finding] = json.loads(result.output)["findings"]
    assert finding["path"] == "src/a.ts" and finding["rule"] == "LL001"


def test_stdin_is_parsed_with_the_grammar_of_the_name(tmp_path, monkeypatch):
    # A TypeScript parameter annotation is a syntax error as JavaScript... but parses as .ts.
    result = _stdin(tmp_path, monkeypatch, LISTENER_TS, "--format", "json", "--isolated", "--stdin-filename", "a.ts")
    report = json.loads(result.output)
    assert report["errors"] == []
    assert [f["rule"] for f in report["findings"]] == ["LL002"]


def test_stdin_uses_the_configuration_and_excludes_of_its_path(tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "leaklint.toml").write_text('ignore = ["LL001"]\nextend-exclude = ["generated"]\n')
    ignored = _stdin(tmp_path, monkeypatch, LEAKY_JS, "--format", "json", "--stdin-filename", "pkg/src/a.js")
    assert ignored.exit_code == 0 and json.loads(ignored.output)["findings"] == []
    other = _stdin(tmp_path, monkeypatch, LEAKY_JS, "--format", "json", "--stdin-filename", "other/a.js")
    assert [f["rule"] for f in json.loads(other.output)["findings"]] == ["LL001"]
    excluded = _stdin(tmp_path, monkeypatch, LEAKY_JS, "--stdin-filename", "pkg/generated/a.js")
    assert excluded.exit_code == 0
    assert "0 files scanned" in excluded.output
    default_excluded = _stdin(tmp_path, monkeypatch, LEAKY_JS, "--stdin-filename", "node_modules/x/a.js")
    assert "0 files scanned" in default_excluded.output


def test_dash_alone_reads_standard_input(tmp_path, monkeypatch):
    result = _stdin(tmp_path, monkeypatch, LEAKY_JS, "--isolated", "-")
    assert result.exit_code == 1
    assert result.output.startswith("-:1:7:")


@pytest.mark.parametrize(
    "args,message",
    [
        (("--stdin-filename", "", "-"), "must be a file path"),
        (("--stdin-filename", ".", "-"), "is a directory"),
        (("--stdin-filename", "a.js", "b.js"), "give `-` or no paths"),
    ],
)
def test_bad_stdin_filename_is_a_usage_error(tmp_path, monkeypatch, args, message):
    result = _stdin(tmp_path, monkeypatch, LEAKY_JS, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_binary_stdin_is_a_file_error_not_a_crash(tmp_path, monkeypatch):
    result = _stdin(tmp_path, monkeypatch, "\0\0\0", "--format", "json", "--isolated", "--stdin-filename", "a.js")
    assert result.exit_code == 0
    assert "binary file" in json.loads(result.output)["errors"][0]["message"]


# -- --force-exclude and the configuration of each file ------------------------


def test_force_exclude_applies_configured_and_default_excludes_to_named_files(write, cli_json):
    write("pyproject.toml", '[tool.leaklint]\nextend-exclude = ["vendor"]\n')
    for name in ("src/a.js", "vendor/v.js", "dist/d.js", "lib/x.min.js"):
        write(name, LEAKY_JS)
    named = ("src/a.js", "vendor/v.js", "dist/d.js", "lib/x.min.js")
    _, without = cli_json(*named)
    assert sorted(f["path"] for f in without["findings"]) == sorted(named)
    _, forced = cli_json("--force-exclude", *named)
    assert [f["path"] for f in forced["findings"]] == ["src/a.js"]


def test_force_exclude_honours_gitignore(write, cli_json, tmp_path):
    (tmp_path / ".git").mkdir()
    write(".gitignore", "generated/\n")
    write("generated/g.js", LEAKY_JS)
    write("src/a.js", LEAKY_JS)
    _, forced = cli_json("--force-exclude", "generated/g.js", "src/a.js")
    assert [f["path"] for f in forced["findings"]] == ["src/a.js"]


def test_each_file_uses_the_nearest_configuration(write, cli_json):
    write("leaklint.toml", 'select = ["LL001"]\n')
    write("packages/api/leaklint.toml", 'ignore = ["LL001"]\nextend-exclude = ["fixtures"]\n')
    write("packages/api/src/a.js", LEAKY_JS)
    write("packages/api/fixtures/f.js", LEAKY_JS)
    write("packages/web/src/b.js", LEAKY_JS)
    code, report = cli_json("--force-exclude", "packages/api/src/a.js", "packages/api/fixtures/f.js", "packages/web/src/b.js")
    assert [f["path"] for f in report["findings"]] == ["packages/web/src/b.js"]
    assert code == 1
    code, walked = cli_json("packages")  # walking: the package's own excludes and ignores apply as well
    assert [f["path"] for f in walked["findings"]] == ["packages/web/src/b.js"]


def test_fail_level_follows_the_file_configuration(write, cli):
    write("packages/api/leaklint.toml", 'fail-level = "error"\n')
    write("packages/api/a.js", LEAKY_JS)
    assert cli("packages/api/a.js").exit_code == 0  # a warning, below the package's fail level
    write("b.js", LEAKY_JS)
    assert cli("packages/api/a.js", "b.js").exit_code == 1


# -- several reports from one run ------------------------------------------------


def test_report_writes_more_formats_from_the_same_run(write, cli, tmp_path):
    write("a.js", LEAKY_JS)
    result = cli("--format", "github", "--report", "sarif=leaklint.sarif", "--report", "JSON=r.json", "a.js")
    assert result.exit_code == 1
    assert result.output.startswith("::warning file=a.js,line=1")
    sarif = json.loads((tmp_path / "leaklint.sarif").read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["LL001"]
    assert json.loads((tmp_path / "r.json").read_text())["findings"][0]["rule"] == "LL001"


@pytest.mark.parametrize("value", ["sarif", "pdf=x.pdf", "sarif="])
def test_bad_report_values_are_usage_errors(write, cli, value):
    write("a.js", CLEAN_JS)
    result = cli("--report", value, "a.js")
    assert result.exit_code == 2
    assert "FORMAT=PATH" in result.output


# -- --format aliases, colours, named non-JavaScript files ----------------------


@pytest.mark.parametrize("args", [("-f", "json"), ("--output-format", "JSON"), ("--format", "Json")])
def test_format_aliases_are_case_insensitive(write, cli, args):
    write("a.js", LEAKY_JS)
    result = cli(*args, "a.js")
    assert json.loads(result.output)["findings"][0]["rule"] == "LL001"


@pytest.mark.parametrize(
    "environment,color,expected",
    [
        ({"FORCE_COLOR": "1"}, "auto", True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, "auto", False),
        ({"NO_COLOR": "1"}, "always", True),  # the command line wins
        ({"FORCE_COLOR": "0"}, "auto", False),
        ({"TERM": "dumb"}, "auto", False),
        ({"TERM": "dumb", "FORCE_COLOR": "true"}, "auto", True),
    ],
)
def test_colour_environment_variables(write, cli, monkeypatch, environment, color, expected):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    write("a.js", LEAKY_JS)
    assert ("\x1b[" in cli("--color", color, "a.js").output) is expected


def test_named_files_of_other_types_are_skipped_with_a_note(write, cli, tmp_path):
    write("README.md", "# not JavaScript: `const x = new Map()`\n")
    write("bin/tool", "#!/usr/bin/env node\n" + LEAKY_JS)
    write("a.js", CLEAN_JS)
    result = cli("README.md", "bin/tool", "a.js")  # the runner's output holds stderr too
    assert "leaklint: note: README.md is not a JavaScript or TypeScript file; skipped" in result.output
    assert "syntax error" not in result.output
    assert "bin/tool:2:7: " in result.output  # a Node script without extension is JavaScript
    assert "(2 files scanned)" in result.output


# -- configuration type errors -----------------------------------------------------


@pytest.mark.parametrize(
    "body,message",
    [
        ('select = "LL002"', "'select' must be a list of non-empty strings, not a string (write [\"LL002\"])"),
        ("ignore = [1]", "'ignore' must be a list of non-empty strings, but has an integer"),
        ("require-reason = 1", "'require-reason' must be true or false, not an integer"),
        ("fail-level = 2", "'fail-level' must be a string, one of note, warning, error, not an integer"),
        ('[per-file-ignores]\n"t/**" = "LL001"', "entry 't/**' must be a list of rule codes or names, not a string"),
    ],
)
def test_config_type_errors_name_the_key_and_the_type(write, cli, body, message):
    write("leaklint.toml", body + "\n")
    write("a.js", CLEAN_JS)
    result = cli("a.js")
    assert result.exit_code == 2
    assert message in result.output
