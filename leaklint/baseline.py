"""`leaklint-baseline.json`: today's findings, recorded so that only new ones are reported.

An entry is a file, a rule and a fingerprint.  The fingerprint hashes the rule,
the flagged source lines with whitespace collapsed, and the finding's rank
among findings of the same rule with the same flagged lines in that file.  Line
numbers play no part, so edits above a finding keep it baselined, while
changing the flagged code makes it new.

File paths in the baseline are relative to the folder the baseline file is in,
so it works from any working directory.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field

from leaklint import __version__
from leaklint.atomic import write_atomic
from leaklint.findings import Finding

FORMAT_VERSION = 1


class BaselineError(Exception):
    """A missing or unreadable baseline file, worded for one line of output."""


def flagged_code(finding: Finding) -> str:
    """The flagged source lines, whitespace collapsed (the message when no frame was kept)."""
    if finding.frame:
        start = max(0, finding.line - finding.frame_first_line)
        lines = finding.frame[start:] or finding.frame
        return "\n".join(" ".join(line.split()) for line in lines)
    return " ".join(finding.message.split())


def fingerprints(findings: list[Finding]) -> list[str]:
    """A stable fingerprint for each finding, in the same order (findings of several files allowed)."""
    result = [""] * len(findings)
    ranks: Counter = Counter()
    for index in sorted(range(len(findings)), key=lambda i: findings[i].sort_key()):
        finding = findings[index]
        code = flagged_code(finding)
        key = (finding.path, finding.rule, code)
        result[index] = hashlib.sha256(f"{finding.rule}\0{code}\0{ranks[key]}".encode()).hexdigest()[:20]
        ranks[key] += 1
    return result


@dataclass
class Baseline:
    """Entries by file (relative to ``root``) and rule."""

    path: str
    root: str
    entries: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def key(self, display_path: str) -> str:
        """The baseline's name for a reported path."""
        relative = os.path.relpath(os.path.abspath(display_path), self.root)
        return relative.replace(os.sep, "/")

    def count(self) -> int:
        """How many entries there are."""
        return sum(len(fps) for rules in self.entries.values() for fps in rules.values())

    def to_json(self) -> str:
        """The file's text: sorted, one entry per line, stable under re-writing."""
        document = {
            "version": FORMAT_VERSION,
            "tool": "leaklint",
            "tool_version": __version__,
            "files": {
                path: {rule: sorted(fps) for rule, fps in sorted(rules.items()) if fps}
                for path, rules in sorted(self.entries.items())
                if any(rules.values())
            },
        }
        return json.dumps(document, indent=2) + "\n"

    def write(self) -> None:
        """Write atomically (a crash never leaves half a baseline)."""
        write_atomic(self.path, self.to_json())


def from_findings(path: str, findings: list[Finding]) -> Baseline:
    """A baseline holding exactly these findings."""
    baseline = Baseline(path, os.path.dirname(os.path.abspath(path)))
    for finding, fingerprint in zip(findings, fingerprints(findings)):
        baseline.entries.setdefault(baseline.key(finding.path), {}).setdefault(finding.rule, []).append(fingerprint)
    return baseline


def load(path: str) -> Baseline:
    """Read and check a baseline file; every problem is one BaselineError."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise BaselineError(f"baseline file '{path}' not found (create it with --write-baseline {path})") from None
    except OSError as error:
        raise BaselineError(f"cannot read baseline file '{path}': {error.strerror}") from None
    except UnicodeDecodeError:
        raise BaselineError(f"baseline file '{path}' is not valid UTF-8") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(
            f"baseline file '{path}' is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    problem = _shape_problem(document)
    if problem:
        raise BaselineError(f"baseline file '{path}' is not a leaklint baseline: {problem}")
    baseline = Baseline(path, os.path.dirname(os.path.abspath(path)))
    for file, rules in document["files"].items():
        baseline.entries[file] = {rule: list(fps) for rule, fps in rules.items()}
    return baseline


def _shape_problem(document: object) -> str | None:
    if not isinstance(document, dict):
        return "the top level must be an object"
    if document.get("tool") != "leaklint":
        return "missing \"tool\": \"leaklint\""
    if document.get("version") != FORMAT_VERSION:
        return f"unsupported version {document.get('version')!r} (this leaklint writes {FORMAT_VERSION})"
    files = document.get("files")
    if not isinstance(files, dict):
        return "\"files\" must be an object"
    for file, rules in files.items():
        if not isinstance(rules, dict):
            return f"entry for '{file}' must be an object of rule codes"
        for rule, fps in rules.items():
            if not isinstance(fps, list) or not all(isinstance(fp, str) for fp in fps):
                return f"'{file}' › '{rule}' must be a list of fingerprints"
    return None


@dataclass
class Matched:
    """What comparing a run with a baseline found."""

    new: list[Finding]
    baselined: list[Finding]
    stale: dict[str, dict[str, list[str]]]  # entries that no longer occur

    @property
    def stale_count(self) -> int:
        """How many baseline entries no longer occur."""
        return sum(len(fps) for rules in self.stale.values() for fps in rules.values())


def match(baseline: Baseline, findings: list[Finding], scanned: dict[str, set[str]]) -> Matched:
    """Split findings into new and baselined; ``scanned`` maps each analyzed path to the rules that ran on it.

    An entry is stale when its file was analyzed with its rule and nothing
    matched it, or when its file no longer exists.
    """
    remaining = {path: {rule: Counter(fps) for rule, fps in rules.items()} for path, rules in baseline.entries.items()}
    new, old = [], []
    for finding, fingerprint in zip(findings, fingerprints(findings)):
        counts = remaining.get(baseline.key(finding.path), {}).get(finding.rule)
        if counts and counts[fingerprint] > 0:
            counts[fingerprint] -= 1
            old.append(finding)
        else:
            new.append(finding)
    scanned_keys = {baseline.key(path): rules for path, rules in scanned.items()}
    stale: dict[str, dict[str, list[str]]] = {}
    for path, rules in remaining.items():
        ran = scanned_keys.get(path)
        gone = ran is None and not os.path.exists(os.path.join(baseline.root, path))
        for rule, counts in rules.items():
            if gone or (ran is not None and rule in ran):
                left = sorted(counts.elements())
                if left:
                    stale.setdefault(path, {})[rule] = left
    return Matched(new, old, stale)


def pruned(baseline: Baseline, stale: dict[str, dict[str, list[str]]]) -> Baseline:
    """The baseline without the stale entries."""
    result = Baseline(baseline.path, baseline.root)
    for path, rules in baseline.entries.items():
        for rule, fps in rules.items():
            left = Counter(fps)
            left.subtract(Counter(stale.get(path, {}).get(rule, [])))
            kept = sorted(left.elements())
            if kept:
                result.entries.setdefault(path, {})[rule] = kept
    return result
