"""`--format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.

One run.  `tool.driver.rules[]` lists every rule, generated from the rule
metadata and the `rules/` specs (the same text `leaklint explain` prints).
Each result has one location with a repository-relative `%SRCROOT%` URI and
a region in 1-based lines and UTF-16 columns (end exclusive), its related
places as `relatedLocations`, and a code flow that walks them in order: the
places that explain why the memory stays, then the finding, then what it
keeps alive.  No `security-severity`: leaks are reliability problems, and any
value would turn the results into security alerts.
`partialFingerprints.primaryLocationLineHash` is GitHub's own line hash
(`leaklint.report.line_hash`, ported from upload-sarif), so a raw REST
upload tracks alerts across runs too.  Messages link their related places
(`[text](1)`).
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import quote

from leaklint import __version__
from leaklint.baseline import fingerprints
from leaklint.docs import RuleSpec, load_specs
from leaklint.findings import Applicability, FileError, Finding, Related, Span
from leaklint.report.common import REPOSITORY_URL, relative_to_root, repository_root, rule_docs_url, run_rules
from leaklint.report.line_hash import file_line_hashes
from leaklint.rules.base import RuleMeta
from leaklint.suppressions import META_RULE_HELP

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = REPOSITORY_URL
MAX_DESCRIPTION = 1024
TAGS = ("reliability", "memory-leak", "javascript", "typescript")
META_TAGS = ("maintainability", "leaklint-suppression")


def _sentence(text: str) -> str:
    """SARIF messages are complete sentences: one line, ending with a period."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _clip(text: str, limit: int = MAX_DESCRIPTION) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def _plain(markdown: str) -> str:
    """The spec as plain text, for `help.text` (viewers that do not render Markdown show it as is).

    Headings lose their `#` marks and are underlined; fenced code is indented
    by four spaces; `**bold**` loses its stars and `[text](url)` becomes
    `text (url)`.  Inline code keeps its backticks: they are the plain-text
    way of marking code.
    """
    out: list[str] = []
    in_fence = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(("    " + line) if line.strip() else "")
            continue
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading:
            title = heading.group(2)
            out.append(title)
            out.append(("=" if len(heading.group(1)) == 1 else "-") * len(title))
            continue
        line = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", line)
        out.append(_EMPHASIS.sub(lambda m: m.group(2), line))
    return "\n".join(out).strip()


def _escape_message(text: str) -> str:
    """Plain text for a `message.text` that also holds embedded links: `\\`, `[` and `]` escaped (SARIF 3.11.6)."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def rule_descriptor(meta: RuleMeta, spec: RuleSpec | None) -> dict:
    """One `reportingDescriptor` from a rule's metadata and spec."""
    is_meta = meta.code in META_RULE_HELP
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
        "helpUri": rule_docs_url(meta.code, meta.name),
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
    """Turns reported paths into artifact locations relative to each file's repository root.

    The root is the git work tree that holds the file (else the working
    directory, or ``root`` when one is given for every file).  The working
    directory's root is `%SRCROOT%`; a file in another repository gets a base
    of its own (`SRCROOT2`, …).  Every base used is declared, with its
    absolute `file://` URI, in the run's `originalUriBaseIds`.
    """

    def __init__(self, root: str | None) -> None:
        self.fixed_root = root
        self.main_root = os.path.realpath(root or repository_root())
        self.bases: dict[str, str] = {}  # root folder -> base id
        self.roots_by_folder: dict[str, str] = {}
        self.hashes: dict[str, list[str] | None] = {}

    def _root_of(self, display_path: str) -> str:
        if self.fixed_root is not None:
            return self.main_root
        folder = os.path.dirname(os.path.realpath(display_path))
        if folder not in self.roots_by_folder:
            found = repository_root(folder)
            in_git = os.path.exists(os.path.join(found, ".git"))
            self.roots_by_folder[folder] = os.path.realpath(found) if in_git else self.main_root
        return self.roots_by_folder[folder]

    def _base_id(self, root: str) -> str:
        if root not in self.bases:
            self.bases[root] = "%SRCROOT%" if root == self.main_root else f"SRCROOT{len(self.bases) + 2}"
        return self.bases[root]

    def artifact(self, display_path: str) -> dict:
        root = self._root_of(display_path)
        relative = relative_to_root(display_path, root)
        if relative is None:  # outside every root: an absolute file URI
            return {"uri": "file://" + quote(os.path.realpath(display_path).replace(os.sep, "/"), safe="/")}
        return {"uri": quote(relative, safe="/"), "uriBaseId": self._base_id(root)}

    def original_uri_base_ids(self) -> dict:
        """`originalUriBaseIds` for the bases used (always `%SRCROOT%`)."""
        self._base_id(self.main_root)
        return {
            base: {"uri": "file://" + quote(root.replace(os.sep, "/").rstrip("/") + "/", safe="/")}
            for root, base in sorted(self.bases.items(), key=lambda item: item[1] != "%SRCROOT%")
        }

    def line_hash(self, display_path: str, line: int) -> str | None:
        """GitHub's primaryLocationLineHash of a line of the file, as upload-sarif computes it."""
        if display_path not in self.hashes:
            self.hashes[display_path] = file_line_hashes(display_path)
        hashes = self.hashes[display_path]
        if hashes is None or not 1 <= line <= len(hashes):
            return None
        return hashes[line - 1]

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
    message = _sentence(finding.message)
    if finding.related:
        # Embedded links `[text](id)` point at relatedLocations by id; viewers make them clickable.
        links = "; ".join(f"[{_escape_message(r.message)}]({n})" for n, r in enumerate(finding.related, start=1))
        message = f"{_escape_message(message)} See: {links}."
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": finding.severity.value,
        "message": {"text": message},
        "locations": [locations.physical(finding.path, finding.span)],
    }
    if finding.related:
        result["relatedLocations"] = _related(finding.related, locations)
        result["codeFlows"] = [_flow(finding, locations)]
    if finding.fix is not None and finding.fix.applicability is not Applicability.DISPLAY_ONLY:
        result["fixes"] = [_fix_object(finding, locations)]
    result["fingerprints"] = {"leaklint/v1": fingerprint}
    line_hash = locations.line_hash(finding.path, finding.span.line)
    if line_hash is not None:
        result["partialFingerprints"] = {"primaryLocationLineHash": line_hash}
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
    locations = _Locations(root)
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
    run["originalUriBaseIds"] = locations.original_uri_base_ids()
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
