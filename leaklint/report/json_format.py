"""`--format json`: one stable object with findings and errors."""

from __future__ import annotations

import json

from leaklint import __version__
from leaklint.findings import FileError, Finding, Related, Span


def _position(span: Span) -> dict:
    return {"line": span.line, "column": span.column, "end_line": span.end_line, "end_column": span.end_column}


def _related(item: Related) -> dict:
    return {"path": item.path, **_position(item.span), "message": item.message}


def finding_to_dict(finding: Finding) -> dict:
    """The JSON shape of one finding (1-based lines, UTF-16 columns, end exclusive)."""
    data = {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "confidence": finding.confidence,
        "path": finding.path,
        **_position(finding.span),
        "message": finding.message,
        "related": [_related(r) for r in finding.related],
    }
    if finding.fix is not None:
        data["fix"] = {
            "title": finding.fix.title,
            "applicability": finding.fix.applicability.value,
            "edits": [_edit(e) for e in finding.fix.edits],
        }
    return data


def _edit(edit) -> dict:
    """An edit in the finding's coordinates (1-based, UTF-16, end exclusive), bytes as extra fields."""
    data = _position(edit.span) if edit.span is not None else {}
    return {**data, "text": edit.text, "start_byte": edit.start, "end_byte": edit.end}


def error_to_dict(error: FileError) -> dict:
    """The JSON shape of one file error."""
    data: dict = {"path": error.path, "message": error.message}
    if error.line is not None:
        data["line"] = error.line
        data["column"] = error.column
    return data


def render(findings: list[Finding], errors: list[FileError], **_: object) -> str:
    """The whole report as a JSON document."""
    document = {
        "version": __version__,
        "findings": [finding_to_dict(f) for f in findings],
        "errors": [error_to_dict(e) for e in errors],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
