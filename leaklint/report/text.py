"""`--format text`: `path:line:col: CODE [name] message`, a code frame, a summary."""

from __future__ import annotations

import re

from leaklint.findings import FileError, Finding

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


def render(
    findings: list[Finding],
    errors: list[FileError],
    *,
    files_scanned: int = 0,
    color: bool = False,
    show_frames: bool = True,
    suppressed: int = 0,
    baselined: int = 0,
    **_: object,
) -> str:
    """The human-readable report."""
    style = _Style(color)
    out: list[str] = []
    for finding in findings:
        location = style(f"{printable(finding.path)}:{finding.line}:{finding.column}:", "1")
        code = style(finding.rule, "1;33" if finding.severity.value == "warning" else "1;31")
        out.append(f"{location} {code} [{finding.name}] {finding.message}")
        if show_frames:
            out.extend(_frame(finding, style))
        for related in finding.related:
            out.append(f"    {style('note:', '36')} {printable(related.path)}:{related.span.line}:{related.span.column}: {related.message}")
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
    out.append(style(summary, "1"))
    return "\n".join(out) + "\n"
