"""Applying fixes: passes, syntax guard, atomic writes, refusals, CLI options and output shapes."""

from __future__ import annotations

import json
import os
import stat

import pytest

from leaklint import fix as fix_module
from leaklint.engine import FileResult
from leaklint.findings import Applicability, Edit, Finding, Fix, FixAvailability, Severity, Span
from leaklint.fix import MAX_PASSES, apply_edits, choose_fixes, fix_text, write_atomically
from leaklint.rules.base import RuleContext
from leaklint.syntax import Grammar
from tests.conftest import LEAKY_JS

LISTENER_JS = """\
const { EventEmitter } = require('events');
const bus = new EventEmitter();
app.get('/x', (req, res) => {
  const onTick = (data) => res.write(data);
  bus.on('tick', onTick);
});
"""
LISTENER_FIXED = LISTENER_JS.replace(
    "  bus.on('tick', onTick);\n", "  bus.on('tick', onTick);\n  res.on('close', () => bus.off('tick', onTick));\n"
)
SPAN = Span(0, 0, 1, 1, 1, 1)


def _finding(edits, applicability=Applicability.SAFE, rule="LL001") -> Finding:
    return Finding(rule, "x", Severity.WARNING, "f.js", SPAN, "m", fix=Fix("t", tuple(edits), applicability))


# -- applying edits ------------------------------------------------------------------------------


def test_edits_keep_crlf_line_endings_and_the_byte_order_mark():
    source = b"\xef\xbb\xbfa();\r\nb();\r\n"
    out = apply_edits(source, [Edit(0, 0, "// x\n"), Edit(13, 13, "\nc();")])
    assert out == b"\xef\xbb\xbf// x\r\na();\r\nb();\r\nc();\r\n"


def test_overlapping_fixes_wait_for_the_next_pass():
    first = _finding([Edit(0, 5, "a")])
    overlapping = _finding([Edit(3, 8, "b")])
    same_insertion_point = _finding([Edit(0, 0, "c")], rule="LL002")
    separate = _finding([Edit(10, 12, "d")])
    assert choose_fixes([separate, overlapping, first, same_insertion_point], unsafe=False) == [first, separate]


def test_unsafe_and_display_only_fixes_need_their_flags():
    unsafe = _finding([Edit(0, 1, "a")], Applicability.UNSAFE)
    shown = _finding([Edit(2, 3, "b")], Applicability.DISPLAY_ONLY)
    assert choose_fixes([unsafe, shown], unsafe=False) == []
    assert choose_fixes([unsafe, shown], unsafe=True) == [unsafe]


def _result(findings):
    return FileResult("f.js", findings=list(findings), analyzed=True)


def test_a_pass_that_breaks_the_syntax_is_dropped_with_a_message():
    source = b"f();\n"
    breaking = _finding([Edit(0, 0, "(((")])
    outcome = fix_text(source, lambda text: _result([breaking] if text == source else []), lambda r: r.findings, Grammar.JAVASCRIPT, False)
    assert outcome.source == source and not outcome.changed
    assert outcome.messages and "would break the syntax" in outcome.messages[0]


def test_a_file_with_syntax_errors_is_never_fixed():
    source = b"f(;\n"
    outcome = fix_text(source, lambda text: _result([_finding([Edit(4, 4, "g();")])]), lambda r: r.findings, Grammar.JAVASCRIPT, False)
    assert outcome.source == source and outcome.skipped_syntax


def test_passes_stop_at_the_limit():
    calls = []

    def analyze(text):
        calls.append(text)
        return _result([_finding([Edit(len(text), len(text), "f();\n")])])  # always one more fix

    outcome = fix_text(b"", analyze, lambda r: r.findings, Grammar.JAVASCRIPT, False)
    assert outcome.source == b"f();\n" * MAX_PASSES
    assert len(outcome.applied) == MAX_PASSES


def test_the_engine_refuses_a_fix_from_a_rule_that_declares_none(monkeypatch):
    from leaklint.engine import analyze_source
    from leaklint.rules.unbounded_collection import UnboundedCollection

    monkeypatch.setattr(UnboundedCollection, "fix", FixAvailability.NONE)
    original = RuleContext.report

    def report(self, node, message, related=(), fix=None, confidence="high"):
        return original(self, node, message, related, Fix("x", (Edit(0, 0, "y"),), Applicability.SAFE), confidence)

    monkeypatch.setattr(RuleContext, "report", report)
    result = analyze_source("a.js", LEAKY_JS.encode(), Grammar.JAVASCRIPT)
    assert any("declared no fixes but returned one" in e.message for e in result.errors)


# -- atomic writes and refusals -------------------------------------------------------------------


def test_write_keeps_the_mode_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "a.js"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomically(str(path), b"new", b"old")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["a.js"]


def test_write_refuses_a_file_that_changed_since_it_was_read(tmp_path):
    path = tmp_path / "a.js"
    path.write_bytes(b"changed meanwhile")
    with pytest.raises(fix_module.WriteRefused, match="changed while leaklint was running"):
        write_atomically(str(path), b"new", b"old")
    assert path.read_bytes() == b"changed meanwhile"
    assert os.listdir(tmp_path) == ["a.js"]


def test_cli_fixes_in_place_and_a_second_run_changes_nothing(write, cli):
    path = write("src/app.js", LISTENER_JS)
    untouched = write("src/clean.js", "const x = 1;\n")
    before = untouched.stat().st_mtime_ns
    first = cli("--fix", "--unsafe-fixes", "src", "--color", "never")
    assert first.exit_code == 0, first.output
    assert path.read_text() == LISTENER_FIXED
    assert "Fixed 1 finding in 1 file." in first.output
    assert first.output.rstrip().endswith("0 findings in 0 files (2 files scanned)")
    second = cli("--fix", "--unsafe-fixes", "src")
    assert second.exit_code == 0 and "Fixed" not in second.output
    assert path.read_text() == LISTENER_FIXED
    assert untouched.stat().st_mtime_ns == before


def test_fix_without_unsafe_fixes_applies_nothing_and_reports_the_finding(write, cli):
    path = write("app.js", LISTENER_JS)
    result = cli("--fix", "app.js", "--color", "never")
    assert result.exit_code == 1
    assert path.read_text() == LISTENER_JS
    assert "1 fixable with --fix --unsafe-fixes" in result.output


def test_unsafe_fixes_from_the_configuration(write, cli):
    write("leaklint.toml", "unsafe-fixes = true\n")
    path = write("app.js", LISTENER_JS)
    assert cli("--fix", "app.js").exit_code == 0
    assert path.read_text() == LISTENER_FIXED


def test_exit_non_zero_on_fix(write, cli):
    write("app.js", LISTENER_JS)
    assert cli("--fix", "--unsafe-fixes", "--exit-non-zero-on-fix", "app.js").exit_code == 1


def test_crlf_file_stays_crlf(write, cli):
    path = write("app.js", LISTENER_JS.replace("\n", "\r\n").encode())
    assert cli("--fix", "--unsafe-fixes", "app.js").exit_code == 0
    assert path.read_bytes() == LISTENER_FIXED.replace("\n", "\r\n").encode()


def test_diff_writes_nothing_and_exits_1(write, cli):
    path = write("app.js", LISTENER_JS)
    result = cli("--diff", "--unsafe-fixes", "app.js")
    assert result.exit_code == 1
    assert path.read_text() == LISTENER_JS
    assert "--- a/app.js\n+++ b/app.js\n" in result.stdout
    assert "+  res.on('close', () => bus.off('tick', onTick));\n" in result.stdout
    assert "would fix 1 finding in 1 file" in result.stderr
    clean = write("clean.js", "const x = 1;\n")
    assert cli("--diff", "--unsafe-fixes", str(clean)).exit_code == 0


def test_diff_without_unsafe_fixes_says_how_many_are_hidden(write, cli):
    write("app.js", LISTENER_JS)
    result = cli("--diff", "app.js")
    assert result.exit_code == 0 and result.stdout == ""
    assert "1 more fix with --unsafe-fixes" in result.stderr


def test_symlink_is_refused_with_exit_2(write, cli, tmp_path):
    target = write("real/app.js", LISTENER_JS)
    (tmp_path / "link.js").symlink_to(target)
    result = cli("--fix", "--unsafe-fixes", "link.js")
    assert result.exit_code == 2
    assert "link.js: error: not fixed: it is a symbolic link" in result.output
    assert target.read_text() == LISTENER_JS


def test_read_only_file_is_refused_and_other_files_are_still_fixed(write, cli):
    locked = write("a.js", LISTENER_JS)
    locked.chmod(0o444)
    other = write("b.js", LISTENER_JS)
    result = cli("--fix", "--unsafe-fixes", "a.js", "b.js")
    assert result.exit_code == 2
    assert "a.js: error: not fixed: the file is not writable" in result.output
    assert locked.read_text() == LISTENER_JS
    assert other.read_text() == LISTENER_FIXED


def test_suppressed_findings_are_not_fixed(write, cli):
    code = LISTENER_JS.replace("  bus.on(", "  // leaklint-disable-next-line LL002 -- lives as long as the app\n  bus.on(")
    path = write("app.js", code)
    assert cli("--fix", "--unsafe-fixes", "app.js").exit_code == 0
    assert path.read_text() == code


def test_text_output_shows_the_fix_title_and_with_show_fixes_the_edits(write, cli):
    write("app.js", LISTENER_JS)
    plain = cli("app.js", "--color", "never").output
    assert "    help: Remove the listener when `res` closes (unsafe fix: --unsafe-fixes)" in plain
    assert "insert at" not in plain
    shown = cli("app.js", "--show-fixes", "--color", "never").output
    assert "      insert at 5:26:\n" in shown
    assert "      insert at 5:26:\n      +   res.on('close', () => bus.off('tick', onTick));\n" in shown


def test_text_output_shows_the_rule_hint_when_there_is_no_fix(write, cli):
    write("app.js", "const log = [];\napp.get('/u', (req, res) => {\n  log.push(req.url);\n  res.end();\n});\n")
    output = cli("app.js", "--color", "never").output
    assert "    help: Bound the collection (LRU/TTL cache, delete entries, or cap its size)" in output


def test_show_fixes_with_fix_lists_what_was_applied(write, cli):
    write("app.js", LISTENER_JS)
    output = cli("--fix", "--unsafe-fixes", "--show-fixes", "app.js").output
    assert "Fixed 1 finding in 1 file.\n  app.js:\n    5:3 LL002 Remove the listener when `res` closes\n" in output


def test_json_fix_edits_use_utf16_columns(write, cli_json):
    write("app.js", LISTENER_JS.replace("const bus", "const ünïcödé = '😀';\nconst bus"))
    code, report = cli_json("app.js")
    [finding] = report["findings"]
    fix = finding["fix"]
    assert fix["title"] == "Remove the listener when `res` closes" and fix["applicability"] == "unsafe"
    [edit] = fix["edits"]
    assert (edit["line"], edit["column"], edit["end_line"], edit["end_column"]) == (6, 26, 6, 26)
    assert edit["text"] == "\n  res.on('close', () => bus.off('tick', onTick));"
    assert edit["start_byte"] == edit["end_byte"] > 0


def test_json_line_with_non_ascii_before_the_edit(write, cli_json):
    write("app.js", LISTENER_JS.replace("bus.on('tick', onTick);", "/* é😀 */ bus.on('tick', onTick);"))
    _, report = cli_json("app.js")
    [edit] = report["findings"][0]["fix"]["edits"]
    # "  /* é😀 */ bus.on('tick', onTick);": é is 1 UTF-16 unit (2 bytes), 😀 is 2 units (4 bytes)
    assert edit["column"] == len("  /* é😀 */ bus.on('tick', onTick);".encode("utf-16-le")) // 2 + 1
    assert edit["end_byte"] - edit["start_byte"] == 0


def test_bom_and_crlf_survive_a_multi_edit_fix(write, cli):
    code = LISTENER_JS.replace("  const onTick = (data) => res.write(data);\n  bus.on('tick', onTick);", "  bus.on('tick', (data) => res.write(data));")
    path = write("app.js", b"\xef\xbb\xbf" + code.replace("\n", "\r\n").encode())
    assert cli("--fix", "--unsafe-fixes", "app.js").exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + LISTENER_FIXED.replace("\n", "\r\n").encode()


def test_tab_indented_code_gets_tabs(write, cli):
    code = LISTENER_JS.replace("  ", "\t")
    path = write("app.js", code)
    assert cli("--fix", "--unsafe-fixes", "app.js").exit_code == 0
    assert path.read_text() == LISTENER_FIXED.replace("  ", "\t")


def test_file_changed_during_the_run_is_left_alone(write, cli, monkeypatch):
    path = write("app.js", LISTENER_JS)
    real_fix_text = fix_module.fix_text

    def fix_text_then_someone_edits(*args, **kwargs):
        outcome = real_fix_text(*args, **kwargs)
        path.write_text(LISTENER_JS + "// edited meanwhile\n")
        return outcome

    monkeypatch.setattr(fix_module, "fix_text", fix_text_then_someone_edits)
    result = cli("--fix", "--unsafe-fixes", "app.js")
    assert result.exit_code == 2
    assert "app.js: error: not fixed: the file changed while leaklint was running" in result.output
    assert path.read_text() == LISTENER_JS + "// edited meanwhile\n"


def test_file_with_syntax_errors_is_reported_and_untouched(write, cli):
    code = LISTENER_JS + "function broken( {\n"
    path = write("app.js", code)
    result = cli("--fix", "--unsafe-fixes", "app.js")
    assert path.read_text() == code
    assert "not fixed: the file has syntax errors" in result.output
