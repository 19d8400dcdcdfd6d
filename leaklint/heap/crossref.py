"""Tie runtime growth to static findings: confirmed, new, and exercised without growth.

The static pass is leaklint's own (discover + analyze_path + the filter stage,
in process). A growing group is **confirmed** by a finding in the same file
when one of these holds, strongest first:

1. *span*: a closure among the group's new objects (the group's own closure,
   or one inside what its members dominate) was defined inside the finding's
   span (LL003's captured closure, LL004's timer callback, LL005's method);
2. *variable*: a closure-context variable of that file that references the
   group's holder (or one of the few objects just above it on the retainer
   path) is named in the finding's span (`const reportCache = new Map()`,
   `rates.on(...)`, `archive.write(...)`);
3. *related*: such a closure was defined inside one of the finding's related
   spans (LL002's listener definition).

Otherwise the group is **new**: growth the static pass did not predict,
printed with its retainer path as a lead. A finding that matched no group is
**exercised** when the AFTER snapshot holds a closure defined inside its span
(the code ran, and what it created did not pile up), else **not seen**.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from leaklint.discover import discover
from leaklint.engine import AnalysisOptions
from leaklint.filtering import FilterSettings, apply_filters
from leaklint.findings import Finding
from leaklint.heap.diff import GrowingGroup, HeapDiff
from leaklint.heap.graph import HeapGraph
from leaklint.heap.sources import ClosureLocator, SourceMap
from leaklint.project.run import analyze_project
from leaklint.rules import ALL_RULES

MATCH_STRENGTH = {"span": 3, "variable": 2, "related": 1}
TIGHT_RELATED_LINES = 3  # related spans longer than this (whole handlers) do not count as a closure's site


@dataclass
class StaticFinding:
    finding: Finding
    path: str  # relative to the source root
    lines: list[str]  # the source text of the finding's span

    def covers(self, line: int) -> bool:
        return self.finding.span.line <= line <= self.finding.span.end_line


def static_findings(root: str) -> tuple[list[StaticFinding], list[str]]:
    """Run leaklint's static analysis on a source root; (findings, error messages)."""
    found = discover([root])
    # The same two-phase project run as `leaklint ROOT`, so cross-file findings can be confirmed too.
    results = analyze_project(found.files, AnalysisOptions(), None, 1)
    codes = tuple(rule.code for rule in ALL_RULES)
    outcome = apply_filters(results, FilterSettings(selected=codes), None)
    by_display = {f.display_path: f.path for f in found.files}
    out = []
    for finding in outcome.findings:
        real = by_display.get(finding.path, finding.path)
        relative = os.path.relpath(os.path.realpath(real), os.path.realpath(root))
        try:
            with open(real, encoding="utf-8", errors="replace") as handle:
                text = handle.read().splitlines()
        except OSError:
            text = []
        span = text[finding.span.line - 1 : finding.span.end_line]
        out.append(StaticFinding(finding, relative, span))
    errors = [f"{e.path}: {e.message}" for r in results for e in r.errors] + [
        f"{e.path}: {e.message}" for e in found.errors
    ]
    return out, errors


def _names(lines: list[str], name: str) -> bool:
    pattern = re.compile(rf"(?<![\w$]){re.escape(name)}(?![\w$])")
    return any(pattern.search(line) for line in lines)


def _match(group: GrowingGroup, finding: StaticFinding) -> str | None:
    closures = ([group.location] if group.location else []) + group.closures
    mine = [c for c in closures if c.mapped and c.file == finding.path]
    if any(finding.covers(c.line) for c in mine):
        return "span"
    if any(file == finding.path and _names(finding.lines, name) for name, file in group.variable_files.items()):
        return "variable"
    for related in finding.finding.related:
        span = related.span
        if span.end_line - span.line >= TIGHT_RELATED_LINES:
            continue
        if any(span.line <= c.line <= span.end_line for c in mine):
            return "related"
    return None


def cross_reference(diff: HeapDiff, after: HeapGraph, sources: SourceMap, findings: list[StaticFinding]) -> None:
    """Mark each group confirmed/new and each finding confirmed/exercised/not seen (in place)."""
    matched: dict[int, tuple[int, str]] = {}
    for rank, group in enumerate(diff.groups, 1):
        best = None
        for index, finding in enumerate(findings):
            how = _match(group, finding)
            if how is None:
                continue
            key = (MATCH_STRENGTH[how], -index)
            if best is None or key > best[0]:
                best = (key, index, how)
        if best is None:
            group.status = "new"
            continue
        _, index, how = best
        finding = findings[index]
        group.status = "confirmed"
        group.match = {
            "rule": finding.finding.rule,
            "path": finding.path,
            "line": finding.finding.line,
            "match": how,
        }
        matched.setdefault(index, (rank, how))
    exercised = _exercised_lines(after, sources)
    diff.findings = []
    for index, finding in enumerate(findings):
        entry = {
            "rule": finding.finding.rule,
            "path": finding.path,
            "line": finding.finding.line,
            "message": finding.finding.message,
        }
        if index in matched:
            entry["status"] = "confirmed"
            entry["group"], entry["match"] = matched[index]
        elif any(finding.covers(line) for line in exercised.get(finding.path, ())):
            entry["status"] = "exercised"
        else:
            entry["status"] = "not seen"
        diff.findings.append(entry)


def _exercised_lines(graph: HeapGraph, sources: SourceMap) -> dict[str, set[int]]:
    """File → lines where the AFTER snapshot holds a closure defined there."""
    locator = ClosureLocator(graph, sources)
    out: dict[str, set[int]] = {}
    for node in graph.locations:
        where = locator.locate(node)
        if where is not None and where.mapped:
            out.setdefault(where.file, set()).add(where.line)
    return out
