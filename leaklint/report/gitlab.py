"""`--format gitlab`: a GitLab Code Quality report (a JSON array, no BOM).

Each issue has `description`, `check_name`, a `fingerprint` that is unique in
the report and stable across runs (the baseline fingerprint, which ignores
line numbers, salted with the path), `severity`, and `location` with the
repository-relative path and begin/end positions.
"""

from __future__ import annotations

import hashlib
import json

from leaklint.baseline import fingerprints
from leaklint.findings import FileError, Finding
from leaklint.report.common import repo_path, repository_root

SEVERITIES = {"note": "info", "warning": "minor", "error": "major"}


def issue(finding: Finding, fingerprint: str, root: str | None) -> dict:
    """One Code Quality issue."""
    path = repo_path(finding.path, root)
    span = finding.span
    return {
        "type": "issue",
        "check_name": f"{finding.rule} {finding.name}",
        "description": f"{finding.rule} [{finding.name}] {finding.message}",
        "categories": ["Bug Risk", "Performance"],
        "severity": SEVERITIES[finding.severity.value],
        "fingerprint": hashlib.sha256(f"{path}\0{finding.rule}\0{fingerprint}".encode()).hexdigest()[:32],
        "location": {
            "path": path,
            "lines": {"begin": span.line, "end": span.end_line},
            "positions": {
                "begin": {"line": span.line, "column": span.column},
                "end": {"line": span.end_line, "column": span.end_column},
            },
        },
        "engine_name": "leaklint",
    }


def render(findings: list[Finding], errors: list[FileError], *, root: str | None = None, **_: object) -> str:
    """The report; file errors are not Code Quality issues and are left out."""
    root = root or repository_root()
    issues = [issue(f, fp, root) for f, fp in zip(findings, fingerprints(findings))]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
