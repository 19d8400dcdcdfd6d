"""The suppression meta-rules LL900-LL902 are rules like the others: listed, explained, selected, ignored."""

from __future__ import annotations

import pytest

DIRECTIVES_JS = """\
const bus = require('./bus');
app.get('/a', (req, res) => {
  // leaklint-disable-next-line LL002
  bus.on('x', () => res.end());
  // leaklint-disable-next-line LL777 -- typo
  res.end();
  // leaklint-disable-next-line LL001 -- nothing here
  res.end();
});
"""


def _rules(cli_json, *args: str) -> list[str]:
    code, report = cli_json("--isolated", *args)
    assert code in (0, 1), report
    return sorted(f["rule"] for f in report["findings"])


@pytest.mark.parametrize("key", ["LL900", "unused-suppression", "LL901", "LL902", "unknown-suppression-code"])
def test_explain_documents_each_meta_rule(cli, key):
    result = cli("explain", key)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# LL90")
    assert "## Bad" in result.output and "## Good" in result.output


@pytest.mark.parametrize(
    "args,expected",
    [
        ((), ["LL902"]),  # only the unknown code is reported by default
        (("--require-reason",), ["LL901", "LL902"]),
        (("--report-unused-suppressions",), ["LL900", "LL902"]),
        (("--ignore", "LL902"), []),
        (("--ignore", "unknown-suppression-code", "--require-reason"), ["LL901"]),
        (("--select", "LL900"), ["LL900", "LL902"]),  # selecting a meta-rule switches it on
        (("--select", "LL001,LL002,LL901"), ["LL901", "LL902"]),
        (("--report-unused-suppressions", "--ignore", "LL900"), ["LL902"]),
    ],
)
def test_select_and_ignore_on_the_command_line(write, cli_json, args, expected):
    write("app.js", DIRECTIVES_JS)
    assert _rules(cli_json, *args, "app.js") == expected


def test_selecting_only_a_meta_rule_still_runs_every_code_rule(write, cli_json):
    write("app.js", DIRECTIVES_JS.replace("  // leaklint-disable-next-line LL002\n", ""))
    assert _rules(cli_json, "--select", "LL901", "app.js") == ["LL002", "LL902"]


def test_config_ignore_and_per_file_ignores(write, cli_json):
    write("src/app.js", DIRECTIVES_JS)
    write("test/app.js", DIRECTIVES_JS)
    write("leaklint.toml", 'require-reason = true\n[per-file-ignores]\n"test/**" = ["LL901", "unknown-suppression-code"]\n')
    code, report = cli_json("src", "test")
    by_file = sorted((f["path"], f["rule"]) for f in report["findings"])
    assert by_file == [("src/app.js", "LL901"), ("src/app.js", "LL902")]
    write("leaklint.toml", 'ignore = ["LL902"]\n')
    code, report = cli_json("src")
    assert [f["rule"] for f in report["findings"]] == []
    assert code == 0


def test_a_directive_naming_a_meta_rule_is_not_an_unknown_code(write, cli_json):
    write("app.js", "// leaklint-disable-next-line LL901 -- reviewed\nconst x = 1;\n")
    assert _rules(cli_json, "app.js") == []
