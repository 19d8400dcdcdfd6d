"""`--format text`: `path:line:col: CODE [name] severity: message`, a code frame, a summary."""

from __future__ import annotations

import re

from leaklint.findings import Applicability, FileError, Finding
from leaklint.report.common import run_rules

MAX_FRAME_WIDTH = 160


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(path: str) -> str:
    """A path with control characters escaped (`\\n`, `\\x1b`), so one finding stays on one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), path)


def _frame(finding: Finding, style: _Style) -> list[str]:
    if not finding.frame:
        return []
    lines = []
    width = len(str(finding.frame_first_line + len(finding.frame) - 1))
    for offset, text in enumerate(finding.frame):
        number = finding.frame_first_line + offset
        marker = ">" if number == finding.line else " "
        shown = text.expandtabs(4)
        start = 0
        if number == finding.line and finding.column > MAX_FRAME_WIDTH - 20:
            start = finding.column - 40  # minified code: show the part around the finding
        shown = shown[start : start + MAX_FRAME_WIDTH]
        prefix = "…" if start else ""
        lines.append(f" {marker} {str(number).rjust(width)} | {prefix}{shown}")
        if number == finding.line:
            caret_start = finding.column - 1 - start + len(prefix)
            if finding.span.end_line == finding.line:
                length = max(1, finding.span.end_column - finding.column)
            else:
                length = max(1, len(text) - finding.column + 1)
            length = min(length, MAX_FRAME_WIDTH)
            lines.append(f"   {' ' * width} | {' ' * caret_start}{style('^' * length, '1;31')}")
    return lines


_APPLICABILITY_NOTE = {
    Applicability.SAFE: "safe fix",
    Applicability.UNSAFE: "unsafe fix: --unsafe-fixes",
    Applicability.DISPLAY_ONLY: "suggestion, never applied",
}


def _help(finding: Finding, hints: dict[str, str], style: _Style, show_fixes: bool) -> list[str]:
    """The `help:` line: the fix's title (and with --show-fixes its edits), else the rule's hint."""
    fix = finding.fix
    if fix is None:
        hint = hints.get(finding.rule)
        return [f"    {style('help:', '32')} {hint}"] if hint else []
    lines = [f"    {style('help:', '32')} {fix.title} ({_APPLICABILITY_NOTE[fix.applicability]})"]
    if show_fixes:
        for edit in fix.edits:
            lines.extend(_edit_lines(edit, style))
    return lines


def _edit_lines(edit, style: _Style) -> list[str]:
    span = edit.span
    where = f"{span.line}:{span.column}" if span is not None else f"byte {edit.start}"
    if edit.start == edit.end:
        action = f"insert at {where}"
    elif not edit.text:
        action = f"delete {where}-{span.end_line}:{span.end_column}" if span is not None else f"delete at {where}"
    else:
        action = f"replace {where}-{span.end_line}:{span.end_column} with" if span is not None else f"replace at {where}"
    lines = [f"      {action}:"]
    shown = edit.text[1:] if edit.text.startswith("\n") else edit.text  # an insertion that starts a new line
    for text_line in shown.split("\n") if shown else []:
        lines.append(f"      {style('+', '32')} {text_line}".rstrip())
    return lines


def _fixable_line(findings: list[Finding], unsafe_fixes: bool) -> list[str]:
    """How many findings `--fix` can fix (a line of its own, above the summary)."""
    fixable = [f.fix for f in findings if f.fix is not None and f.fix.applicability is not Applicability.DISPLAY_ONLY]
    if not fixable:
        return []
    safe = sum(1 for fix in fixable if fix.applicability is Applicability.SAFE)
    unsafe = len(fixable) - safe
    if unsafe_fixes or not unsafe:
        return [f"{len(fixable) if unsafe_fixes else safe} fixable with --fix"]
    if safe:
        return [f"{safe} fixable with --fix ({unsafe} more with --fix --unsafe-fixes)"]
    return [f"{unsafe} fixable with --fix --unsafe-fixes"]


def render(
    findings: list[Finding],
    errors: list[FileError],
    *,
    files_scanned: int = 0,
    color: bool = False,
    show_frames: bool = True,
    suppressed: int = 0,
    baselined: int = 0,
    show_fixes: bool = False,
    unsafe_fixes: bool = False,
    **_: object,
) -> str:
    """The human-readable report."""
    style = _Style(color)
    hints = {meta.code: meta.fix_title for meta in run_rules()} if findings else {}  # (imports the rules)
    out: list[str] = []
    for finding in findings:
        location = style(f"{printable(finding.path)}:{finding.line}:{finding.column}:", "1")
        colour = {"warning": "1;33", "note": "1;36"}.get(finding.severity.value, "1;31")
        code = style(finding.rule, colour)
        severity = style(f"{finding.severity.value}:", colour)
        inferred = " (inferred)" if finding.confidence == "medium" else ""
        out.append(f"{location} {code} [{finding.name}]{inferred} {severity} {finding.message}")
        if show_frames:
            out.extend(_frame(finding, style))
        for related in finding.related:
            out.append(f"    {style('note:', '36')} {printable(related.path)}:{related.span.line}:{related.span.column}: {related.message}")
        out.extend(_help(finding, hints, style, show_fixes))
        if show_frames:
            out.append("")
    for error in errors:
        where = f"{printable(error.path)}:{error.line}:{error.column}" if error.line is not None else printable(error.path)
        out.append(f"{where}: {style('error:', '1;31')} {error.message}")
    files_with_findings = len({f.path for f in findings})
    noun = "finding" if len(findings) == 1 else "findings"
    file_noun = "file" if files_with_findings == 1 else "files"
    scanned_noun = "file" if files_scanned == 1 else "files"
    summary = f"{len(findings)} {noun} in {files_with_findings} {file_noun} ({files_scanned} {scanned_noun} scanned)"
    if errors:
        summary += f", {len(errors)} {'error' if len(errors) == 1 else 'errors'}"
    if suppressed:
        summary += f", {suppressed} suppressed"
    if baselined:
        summary += f", {baselined} in the baseline"
    out.extend(_fixable_line(findings, unsafe_fixes))
    out.append(style(summary, "1"))
    return "\n".join(out) + "\n"
