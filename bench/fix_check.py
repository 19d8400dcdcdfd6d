"""Check `leaklint --fix` on real projects: what changes parses, a second run changes nothing,
and no file without a finding is touched.

Usage: python bench/fix_check.py PROJECT_DIR... [--unsafe-fixes]

Each PROJECT_DIR is copied to a temporary folder (the original is never
written); the copy is checked, fixed with `leaklint --fix` (every file,
including vendored ones, except `*.min.js`), fixed again, and compared with
the original file by file.  Prints one line of counts per project and exits
1 if any check fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

from leaklint import syntax

FLAGS = ["--isolated", "--no-default-excludes", "--no-gitignore", "--exclude", "*.min.js", "--jobs", "1"]


def _leaklint(folder: str, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "leaklint", "--format", "json", *FLAGS, *args, "."],
        cwd=folder, capture_output=True, text=True, check=False,
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{folder}: leaklint exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    return json.loads(proc.stdout)


def _hashes(folder: str) -> dict[str, str]:
    out = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                out[os.path.relpath(path, folder)] = hashlib.sha256(handle.read()).hexdigest()
    return out


def check(project: str, unsafe: bool) -> bool:
    with tempfile.TemporaryDirectory(prefix="leaklint-fix-check-") as scratch:
        copy = os.path.join(scratch, "copy")
        shutil.copytree(project, copy, symlinks=True)
        before = _hashes(copy)
        report = _leaklint(copy)
        with_findings = {os.path.normpath(f["path"]) for f in report["findings"]}
        extra = ["--unsafe-fixes"] if unsafe else []
        after_report = _leaklint(copy, "--fix", *extra)
        after = _hashes(copy)
        changed = sorted(p for p in after if before.get(p) != after[p])
        untouched_ok = all(p in with_findings for p in changed)
        broken = []
        for path in changed:
            grammar = syntax.EXTENSION_GRAMMARS.get(os.path.splitext(path)[1].lower(), syntax.Grammar.JAVASCRIPT)
            with open(os.path.join(copy, path), "rb") as handle:
                tree, _ = syntax.parse_best(handle.read(), grammar)
            if tree.root_node.has_error:
                broken.append(path)
        _leaklint(copy, "--fix", *extra)
        second = _hashes(copy)
        unstable = sorted(p for p in second if second[p] != after[p])
        files = sum(1 for p in before if p.endswith(tuple(syntax.EXTENSION_GRAMMARS)))
        fixable = sum(1 for f in report["findings"] if f.get("fix") and f["fix"]["applicability"] != "display-only")
        print(
            f"{os.path.basename(os.path.normpath(project))}: {files} files, {len(report['findings'])} findings "
            f"({fixable} with a fix), {len(changed)} files changed, {len(after_report['findings'])} findings left, "
            f"{len(broken)} changed files that do not parse, {len(unstable)} changed by a second --fix, "
            f"{sum(1 for p in changed if p not in with_findings)} changed without a finding"
        )
        for path in broken + unstable:
            print(f"  problem: {path}")
        return untouched_ok and not broken and not unstable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", nargs="+")
    parser.add_argument("--unsafe-fixes", action="store_true")
    args = parser.parse_args()
    ok = all([check(project, args.unsafe_fixes) for project in args.projects])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
