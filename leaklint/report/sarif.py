"""`--format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.

One run.  `tool.driver.rules[]` lists every rule, generated from the rule
metadata and the `rules/` specs (the same text `leaklint explain` prints).
Each result has one location with a repository-relative `%SRCROOT%` URI and
a region in 1-based lines and UTF-16 columns (end exclusive), its related
places as `relatedLocations`, and a code flow that walks them in order: the
places that explain why the memory stays, then the finding, then what it
keeps alive.  No `security-severity`: leaks are reliability problems, and any
value would turn the results into security alerts.  No
`partialFingerprints`: `upload-sarif` computes GitHub's own.
"""

from __future__ import annotations

import json
import os
from urllib.parse import quote

from leaklint import __version__
from leaklint.baseline import fingerprints
from leaklint.docs import RuleSpec, load_specs
from leaklint.findings import Applicability, FileError, Finding, Related, Span
from leaklint.report.common import relative_to_root, repository_root, run_rules
from leaklint.rules.base import RuleMeta
from leaklint.suppressions import META_RULE_HELP

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/leaklint/leaklint"
MAX_DESCRIPTION = 1024
TAGS = ("reliability", "memory-leak", "javascript", "typescript")
META_TAGS = ("maintainability", "leaklint-suppression")


def _sentence(text: str) -> str:
    """SARIF messages are complete sentences: one line, ending with a period."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _clip(text: str, limit: int = MAX_DESCRIPTION) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plain(markdown: str) -> str:
    """Markdown with its code fences and backticks dropped, for `help.text`."""
    lines = [line for line in markdown.splitlines() if not line.startswith("```")]
    return "\n".join(lines).replace("`", "").strip()


def rule_descriptor(meta: RuleMeta, spec: RuleSpec | None) -> dict:
    """One `reportingDescriptor` from a rule's metadata and spec."""
    is_meta = spec is None
    if spec is not None:
        full = " ".join(spec.summary.split())
        markdown = spec.text.split("\n", 1)[1].strip() if "\n" in spec.text else spec.text
        markdown += f"\n\n**How to fix:** {meta.fix_title}."
    else:
        full = META_RULE_HELP.get(meta.code, meta.summary)
        markdown = full + f"\n\n**How to fix:** {meta.fix_title}."
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": _clip(_sentence(meta.summary))},
        "fullDescription": {"text": _clip(_sentence(full))},
        "help": {"text": _plain(markdown), "markdown": markdown},
        "defaultConfiguration": {"level": meta.severity.value},
        "properties": {
            "tags": list(META_TAGS if is_meta else TAGS),
            "precision": meta.precision,
            "problem.severity": meta.severity.value,
        },
    }


def _region(span: Span) -> dict:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": max(span.end_column, span.column + 1) if span.end_line == span.line else span.end_column,
    }


class _Locations:
    """Turns reported paths into `%SRCROOT%`-relative artifact locations."""

    def __init__(self, root: str) -> None:
        self.root = root

    def artifact(self, display_path: str) -> dict:
        relative = relative_to_root(display_path, self.root)
        if relative is None:  # outside the repository: an absolute file URI
            return {"uri": "file://" + quote(os.path.realpath(display_path).replace(os.sep, "/"), safe="/")}
        return {"uri": quote(relative, safe="/"), "uriBaseId": "%SRCROOT%"}

    def physical(self, path: str, span: Span) -> dict:
        return {"physicalLocation": {"artifactLocation": self.artifact(path), "region": _region(span)}}


def _flow(finding: Finding, locations: _Locations) -> dict:
    """The retention chain: the explaining places, the finding, then what it keeps alive."""
    before = [r for r in finding.related if getattr(r, "role", "context") != "retained"]
    after = [r for r in finding.related if getattr(r, "role", "context") == "retained"]
    steps: list[tuple[str, Span, str]] = [(r.path, r.span, r.message) for r in before]
    steps.append((finding.path, finding.span, finding.message))
    steps.extend((r.path, r.span, r.message) for r in after)
    flow_locations = []
    for order, (path, span, message) in enumerate(steps, start=1):
        location = locations.physical(path, span)
        location["message"] = {"text": _sentence(message)}
        flow_locations.append({"location": location, "executionOrder": order})
    return {"threadFlows": [{"locations": flow_locations}]}


def _related(items: tuple[Related, ...], locations: _Locations) -> list[dict]:
    out = []
    for number, item in enumerate(items, start=1):
        location = locations.physical(item.path, item.span)
        location["id"] = number
        location["message"] = {"text": _sentence(item.message)}
        out.append(location)
    return out


def _replacement_region(span: Span) -> dict:
    """A replacement's `deletedRegion`; an insertion is an empty region (end = start)."""
    return {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line, "endColumn": span.end_column}


def _fix_object(finding: Finding, locations: _Locations) -> dict:
    """One SARIF `fix`: the finding's edits as replacements in its file."""
    replacements = []
    for edit in finding.fix.edits:
        replacement: dict = {"deletedRegion": _replacement_region(edit.span)}
        if edit.text:
            replacement["insertedContent"] = {"text": edit.text}
        replacements.append(replacement)
    return {
        "description": {"text": _sentence(finding.fix.title)},
        "artifactChanges": [{"artifactLocation": locations.artifact(finding.path), "replacements": replacements}],
        "properties": {"applicability": finding.fix.applicability.value},
    }


def result_object(finding: Finding, rule_index: int, fingerprint: str, locations: _Locations) -> dict:
    """One SARIF `result`."""
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": finding.severity.value,
        "message": {"text": _sentence(finding.message)},
        "locations": [locations.physical(finding.path, finding.span)],
    }
    if finding.related:
        result["relatedLocations"] = _related(finding.related, locations)
        result["codeFlows"] = [_flow(finding, locations)]
    if finding.fix is not None and finding.fix.applicability is not Applicability.DISPLAY_ONLY:
        result["fixes"] = [_fix_object(finding, locations)]
    result["fingerprints"] = {"leaklint/v1": fingerprint}
    result["properties"] = {"confidence": finding.confidence}
    return result


def _notification(error: FileError, locations: _Locations) -> dict:
    notification: dict = {"level": "warning", "message": {"text": _sentence(error.message.splitlines()[0])}}
    location: dict = {"physicalLocation": {"artifactLocation": locations.artifact(error.path)}}
    if error.line is not None:
        location["physicalLocation"]["region"] = {"startLine": error.line, "startColumn": error.column or 1}
    notification["locations"] = [location]
    if error.message.startswith("internal error"):
        notification["level"] = "error"
    return notification


def log_object(
    findings: list[Finding], errors: list[FileError], *, category: str = "leaklint", root: str | None = None
) -> dict:
    """The whole SARIF log as a dict."""
    metas = run_rules()
    specs = load_specs()
    index = {meta.code: number for number, meta in enumerate(metas)}
    locations = _Locations(root or repository_root())
    prints = fingerprints(findings)
    category = category.strip() or "leaklint"
    run: dict = {
        "tool": {
            "driver": {
                "name": "leaklint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(meta, specs.get(meta.code)) for meta in metas],
            }
        },
        "automationDetails": {"id": category if category.endswith("/") else category + "/"},
        "columnKind": "utf16CodeUnits",
        "invocations": [
            {
                "executionSuccessful": not any(e.message.startswith("internal error") for e in errors),
                "toolExecutionNotifications": [_notification(e, locations) for e in errors],
            }
        ],
        "results": [
            result_object(finding, index[finding.rule], prints[number], locations)
            for number, finding in enumerate(findings)
        ],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(
    findings: list[Finding],
    errors: list[FileError],
    *,
    category: str = "leaklint",
    root: str | None = None,
    **_: object,
) -> str:
    """The SARIF log as JSON text."""
    return json.dumps(log_object(findings, errors, category=category, root=root), indent=2, ensure_ascii=False) + "\n"
