"""`leaklint-disable-next-line`, `leaklint-disable-line`, file-level `leaklint-disable`, and their meta-rules."""

from __future__ import annotations

import pytest

from leaklint import syntax
from leaklint.findings import SourceText
from leaklint.suppressions import extract_directives, parse_comment

HANDLER = """\
const bus = require('./bus');
app.get('/a', (req, res) => {{
{body}
}});
"""
LEAK = "  bus.on('x', () => res.end());"


@pytest.mark.parametrize(
    "comment,expected",
    [
        ("// leaklint-disable-next-line LL002 -- reason here", ("next-line", ("LL002",), "reason here", ())),
        ("// leaklint-disable-line unremoved-listener, LL001", ("line", ("unremoved-listener", "LL001"), "", ())),
        ("/* leaklint-disable LL001 */", ("file", ("LL001",), "", ())),
        ("/* leaklint-disable */", ("file", (), "", ())),
        ("//leaklint-disable-next-line LL001 LL002--why", ("next-line", ("LL001", "LL002"), "why", ())),
        ("// leaklint-disable-next-line LL002: oops", ("next-line", ("oops",), "", ("LL002:",))),
        ("// leaklint-disabled LL001", None),
        ("// see leaklint-disable-line LL001", None),
        ("// eslint-disable-next-line no-console", None),
    ],
)
def test_parse_comment(comment, expected):
    assert parse_comment(comment) == expected


def test_only_comments_are_directives():
    source = b"const s = '// leaklint-disable-line LL002';\nfoo(); // leaklint-disable-line LL002\n"
    tree = syntax.parse(source, syntax.Grammar.JAVASCRIPT)
    directives = extract_directives(source, tree.root_node, SourceText(source))
    assert [(d.kind, d.target_line, d.codes) for d in directives] == [("line", 2, ("LL002",))]


def _rules(cli_json, *args):
    code, report = cli_json(*args, "app.js")
    return code, [(f["rule"], f["line"]) for f in report["findings"]]


def test_next_line_line_and_file_directives(write, cli_json):
    write("app.js", HANDLER.format(body=LEAK))
    assert _rules(cli_json) == (1, [("LL002", 3)])
    write("app.js", HANDLER.format(body="  // leaklint-disable-next-line LL002 -- reviewed\n" + LEAK))
    assert _rules(cli_json) == (0, [])
    write("app.js", HANDLER.format(body=LEAK + " // leaklint-disable-line unremoved-listener"))
    assert _rules(cli_json) == (0, [])
    write("app.js", "/* leaklint-disable LL002 -- legacy module */\n" + HANDLER.format(body=LEAK))
    assert _rules(cli_json) == (0, [])
    write("app.js", HANDLER.format(body="  // leaklint-disable-next-line LL001\n" + LEAK))
    assert _rules(cli_json) == (1, [("LL002", 4)])  # another rule's directive does not silence it
    write("app.js", HANDLER.format(body="  // leaklint-disable-next-line\n" + LEAK))
    assert _rules(cli_json) == (0, [])  # no codes: every rule


def test_next_line_after_a_multi_line_block_comment(write, cli_json):
    write("app.js", HANDLER.format(body="  /* leaklint-disable-next-line LL002\n     -- spans two lines */\n" + LEAK))
    assert _rules(cli_json) == (0, [])


def test_require_reason(write, cli_json):
    write("app.js", HANDLER.format(body=LEAK + " // leaklint-disable-line LL002"))
    assert _rules(cli_json) == (0, [])
    code, report = cli_json("--require-reason", "app.js")
    assert code == 1
    [finding] = report["findings"]
    assert (finding["rule"], finding["name"], finding["line"], finding["column"]) == (
        "LL901", "suppression-without-reason", 3, 33,
    )
    assert "gives no reason" in finding["message"]
    write("app.js", HANDLER.format(body=LEAK + " // leaklint-disable-line LL002 -- per-request bus"))
    assert _rules(cli_json, "--require-reason") == (0, [])


def test_report_unused_suppressions(write, cli_json):
    write(
        "app.js",
        HANDLER.format(body="  // leaklint-disable-next-line LL001, LL002 -- both?\n" + LEAK + "\n  res.end(); // leaklint-disable-line")
        + "/* leaklint-disable LL001 */\n",
    )
    assert _rules(cli_json) == (0, [])
    code, report = cli_json("--report-unused-suppressions", "app.js")
    assert code == 1
    found = [(f["rule"], f["line"], f["message"]) for f in report["findings"]]
    assert found == [
        ("LL900", 3, "`leaklint-disable-next-line` silences no LL001 finding; remove it from the directive"),
        ("LL900", 5, "`leaklint-disable-line` silences no finding; remove it"),
        ("LL900", 7, "`leaklint-disable` silences no LL001 finding; remove it"),
    ]
    # A rule that did not run cannot prove its directive unused.
    code, report = cli_json("--report-unused-suppressions", "--select", "LL002", "app.js")
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("LL900", 5)]


def test_unknown_rule_code_in_a_directive_is_a_clear_error(write, cli_json, cli):
    write("app.js", HANDLER.format(body="  // leaklint-disable-next-line LL0002 -- typo\n" + LEAK))
    code, report = cli_json("app.js")
    assert code == 1
    rules = [(f["rule"], f["severity"], f["line"]) for f in report["findings"]]
    assert rules == [("LL902", "error", 3), ("LL002", "warning", 4)]
    assert report["findings"][0]["message"] == (
        "`leaklint-disable-next-line` names unknown rule 'LL0002', so it silences nothing (see `leaklint rules`)"
    )
    text = cli("app.js").stdout
    assert "app.js:3:3: LL902 [unknown-suppression-code]" in text


def test_suppressed_findings_are_counted_not_reported(write, cli):
    write("app.js", HANDLER.format(body=LEAK + " // leaklint-disable-line LL002 -- ok"))
    result = cli("app.js")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "0 findings in 0 files (1 file scanned), 1 suppressed"
