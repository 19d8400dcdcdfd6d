"""`--format github|gitlab|junit|text`, `--statistics`, `--fail-level`, `--exit-zero`.

Each format has a golden file (the fixture project in tests/fixtures/integrations)
and a test that reads the output the way its consumer does.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from leaklint.findings import Finding, Related, Severity, Span
from leaklint.report import github
from tests.integration_support import FIXTURE_RULES, check_golden, copy_fixture, run_cli


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """The fixture project as the working directory."""
    path = copy_fixture(tmp_path)
    monkeypatch.chdir(path)
    return path


def _report(*args: str) -> tuple[int, str]:
    result = run_cli("--select", FIXTURE_RULES, *args, "src")
    return result.exit_code, result.stdout


# -- golden files ------------------------------------------------------------------


@pytest.mark.parametrize(
    "output_format,golden",
    [("github", "github.txt"), ("gitlab", "gitlab.json"), ("junit", "junit.xml"), ("json", "json.json"), ("text", "text.txt")],
)
def test_golden(project, output_format, golden):
    code, output = _report("--format", output_format)
    assert code == 1
    check_golden(golden, output)


# -- GitHub workflow commands ------------------------------------------------------------

_COMMAND = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Split a workflow command the way the Actions runner does (props split on ',' then '=')."""
    match = _COMMAND.match(line)
    assert match, line
    props = dict(item.split("=", 1) for item in match["props"].split(","))
    return match["level"], {key: _unescape(value) for key, value in props.items()}, _unescape(match["message"])


def test_github_annotations_parse_back(project):
    _, output = _report("--format", "github")
    lines = output.splitlines()
    assert len(lines) == 4
    parsed = [parse_workflow_command(line) for line in lines]
    weird = next(p for p in parsed if "a,b:c%d" in p[2])
    level, props, message = weird
    assert level == "warning"
    assert props["file"] == "src/100%,done.ts"
    assert props["title"] == "LL002 unremoved-listener"
    assert (props["line"], props["endLine"], props["col"], props["endColumn"]) == ("4", "4", "3", "37")
    assert message.splitlines()[0].startswith("listener for 'a,b:c%d' is added")
    assert "note: src/100%,done.ts:3:1: runs repeatedly" in message
    multi_line = next(p for p in parsed if "'user-update'" in p[2])
    assert multi_line[1]["line"] == "7" and multi_line[1]["endLine"] == "9"
    assert "endColumn" not in multi_line[1]  # GitHub uses columns only on one-line annotations


def test_github_escaping():
    assert github.escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    span = Span(0, 1, 2, 3, 2, 9)
    finding = Finding(
        "LL002", "unremoved-listener", Severity.ERROR, "dir,x/a:b.js", span, "50% of\nit",
        related=(Related("dir,x/a:b.js", span, "why: here"),),
    )
    line = github.annotation(finding, None)
    assert line == (
        "::error file=dir%2Cx/a%3Ab.js,line=2,endLine=2,col=3,endColumn=9,title=LL002 unremoved-listener"
        "::50%25 of%0Ait%0Anote: dir,x/a:b.js:2:3: why: here"
    )


# -- GitLab Code Quality --------------------------------------------------------------------


def test_gitlab_report_shape(project):
    _, output = _report("--format", "gitlab")
    assert not output.startswith("\ufeff")
    issues = json.loads(output)
    assert isinstance(issues, list) and len(issues) == 4
    for issue in issues:
        assert issue["description"] and issue["check_name"].startswith("LL00")
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert not issue["location"]["path"].startswith("/")
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_gitlab_fingerprints_survive_edits_above_and_change_with_the_code(project):
    _, before = _report("--format", "gitlab")
    app = project / "src" / "app.js"
    app.write_text("// a new header comment\n\n" + app.read_text())
    _, shifted = _report("--format", "gitlab")

    def prints(output: str) -> dict[str, str]:
        return {issue["description"]: issue["fingerprint"] for issue in json.loads(output)}

    assert prints(before) == prints(shifted)
    assert [i["location"]["lines"]["begin"] for i in json.loads(shifted)] != [
        i["location"]["lines"]["begin"] for i in json.loads(before)
    ]
    app.write_text(app.read_text().replace("tracker.on('emoji', () => res.write(tag))", "tracker.on('emoji', () => res.end(tag))"))
    _, changed = _report("--format", "gitlab")
    old, new = prints(before), prints(changed)
    emoji = [d for d in new if "'emoji'" in d][0]
    assert new[emoji] != old[emoji]
    assert sum(1 for d in new if new[d] == old.get(d)) == 3


def test_identical_findings_get_distinct_fingerprints(project):
    (project / "src" / "twice.js").write_text(
        "const bus = require('./bus');\n"
        "app.get('/a', (req, res) => {\n  bus.on('x', () => res.end());\n  bus.on('x', () => res.end());\n});\n"
    )
    _, output = _report("--format", "gitlab")
    issues = [i for i in json.loads(output) if i["location"]["path"] == "src/twice.js"]
    assert len(issues) == 2 and issues[0]["fingerprint"] != issues[1]["fingerprint"]


# -- JUnit XML ----------------------------------------------------------------------------------


def test_junit_parses_with_the_counts_a_ci_reads(project):
    (project / "src" / "broken.js").write_text("app.get('/a', (req, res) => {\n")
    _, output = _report("--format", "junit")
    root = ET.fromstring(output.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["src/100%,done.ts", "src/app.js", "src/broken.js"]
    cases = root.findall("./testsuite/testcase")
    assert int(root.get("tests")) == len(cases) == 5
    assert int(root.get("failures")) == len(root.findall("./testsuite/testcase/failure")) == 4
    assert int(root.get("errors")) == len(root.findall("./testsuite/testcase/error")) == 1
    for suite in suites:
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
    first = suites[1].find("testcase")
    assert first.get("name") == "leaklint.LL001" and first.get("classname") == "src/app.js"
    assert (first.get("line"), first.get("column")) == ("2", "7")
    failure = first.find("failure")
    assert failure.get("message").startswith("LL001 [unbounded-collection] module-level Map `cache`")
    assert failure.text.startswith("line 2, col 7, LL001")


def test_junit_clean_run_is_one_passing_case(project):
    result = run_cli("--format", "junit", "src/clean.mjs")
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout)
    assert root.get("tests") == "1" and root.get("failures") == "0"
    assert root.find("./testsuite/testcase/failure") is None


def test_junit_escapes_markup_and_control_characters():
    from leaklint.report import junit

    finding = Finding("LL001", "unbounded-collection", Severity.WARNING, "a&b<c>.js", Span(0, 1, 1, 1, 1, 2), 'x "<&>" \x01 y')
    root = ET.fromstring(junit.render([finding], []))
    case = root.find("./testsuite/testcase")
    assert case.get("classname") == "a&b<c>.js"
    assert case.find("failure").get("message") == 'LL001 [unbounded-collection] x "<&>" \ufffd y'


# -- statistics, fail level, exit codes ----------------------------------------------------------


def test_statistics_replace_the_text_report(project):
    code, output = _report("--statistics")
    assert code == 1
    assert output == "3  LL002  unremoved-listener\n1  LL001  unbounded-collection\n4 findings in total\n"


def test_statistics_go_to_stderr_beside_a_machine_format(project):
    result = run_cli("--select", FIXTURE_RULES, "--format", "gitlab", "--statistics", "src")
    assert len(json.loads(result.stdout)) == 4
    assert "3  LL002  unremoved-listener" in result.stderr


def test_fail_level_and_exit_zero(project):
    (project / "leaklint.toml").write_text('fail-level = "error"\n')
    assert run_cli("--select", FIXTURE_RULES, "src").exit_code == 0  # only warnings
    assert run_cli("--select", FIXTURE_RULES, "--fail-level", "warning", "src").exit_code == 1  # CLI wins
    (project / "src" / "bad.js").write_text("// leaklint-disable-next-line LL123\nfoo();\n")
    assert run_cli("--select", FIXTURE_RULES, "src").exit_code == 1  # LL902 is an error
    assert run_cli("--select", FIXTURE_RULES, "--exit-zero", "src").exit_code == 0


def test_text_summary_counts_what_was_left_out(project):
    _, output = _report()
    assert output.splitlines()[-1] == "4 findings in 2 files (3 files scanned), 1 suppressed"
