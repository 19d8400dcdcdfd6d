"""`--format github`: workflow-command annotations for GitHub Actions logs and PR diffs.

`::warning file=src/a.ts,line=3,endLine=3,col=5,endColumn=9,title=LL002 unremoved-listener::message`
with the escaping GitHub's runner expects: in the message `%`, CR and LF; in
property values also `:` and `,`.  Paths are relative to the repository root,
which is where the runner resolves them.
"""

from __future__ import annotations

from leaklint.findings import FileError, Finding
from leaklint.report.common import repo_path, repository_root


def escape_data(text: str) -> str:
    """Escape a workflow-command message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, properties: list[tuple[str, object]], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{level} {props}::{escape_data(message)}"


def annotation(finding: Finding, root: str | None) -> str:
    """One annotation line for a finding (related places become note lines of the message)."""
    span = finding.span
    properties: list[tuple[str, object]] = [("file", repo_path(finding.path, root)), ("line", span.line)]
    properties.append(("endLine", span.end_line))
    properties.append(("col", span.column))
    if span.end_line == span.line:
        properties.append(("endColumn", span.end_column))
    properties.append(("title", f"{finding.rule} {finding.name}"))
    message = finding.message
    for related in finding.related:
        where = f"{repo_path(related.path, root)}:{related.span.line}:{related.span.column}"
        message += f"\nnote: {where}: {related.message}"
    level = {"error": "error", "note": "notice"}.get(finding.severity.value, "warning")
    return _command(level, properties, message)


def error_annotation(error: FileError, root: str | None) -> str:
    """A file that could not be fully analyzed, as a warning annotation."""
    properties: list[tuple[str, object]] = [("file", repo_path(error.path, root))]
    if error.line is not None:
        properties += [("line", error.line), ("col", error.column or 1)]
    properties.append(("title", "leaklint could not fully analyze this file"))
    return _command("warning", properties, error.message.splitlines()[0])


def render(findings: list[Finding], errors: list[FileError], *, root: str | None = None, **_: object) -> str:
    """One annotation per finding and per file error."""
    root = root or repository_root()
    lines = [annotation(f, root) for f in findings] + [error_annotation(e, root) for e in errors]
    return "".join(line + "\n" for line in lines)
