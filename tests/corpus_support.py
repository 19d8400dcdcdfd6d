"""Check this branch's tests/corpus cases without the corpus scorer (which lives on another branch).

A case folder holds `leaky.<ext>` with `// expect: LLnnn` above each line that
must be flagged, and `fixed.<ext>`, which must produce no finding at all.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from leaklint.engine import AnalysisOptions, analyze_path

CORPUS = Path(__file__).resolve().parent / "corpus"
MARKER = re.compile(r"//\s*expect:\s*((?:LL\d{3}[,\s]*)+)")


def case_folders(prefix: str) -> list[Path]:
    """The case folders whose slug starts with ``prefix`` (`ll007-`)."""
    return sorted(p for p in CORPUS.glob(f"{prefix}*") if p.is_dir())


def twin(folder: Path, name: str) -> Path:
    """`leaky.js` / `fixed.ts` ... of a case."""
    matches = sorted(folder.glob(f"{name}.*"))
    assert len(matches) == 1, f"{folder.name}: expected one {name}.* file, found {matches}"
    return matches[0]


def expected(path: Path) -> set[tuple[str, int]]:
    """(rule, line) for every marker: the finding belongs to the line below the comment."""
    found = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = MARKER.search(line)
        if match:
            found.update((code, number + 1) for code in re.findall(r"LL\d{3}", match.group(1)))
    return found


def actual(path: Path) -> set[tuple[str, int]]:
    """(rule, line) of every finding of every rule."""
    result = analyze_path(str(path), path.name, AnalysisOptions())
    internal = [e for e in result.errors if e.message.startswith("internal error")]
    assert not internal, internal
    return {(f.rule, f.line) for f in result.findings}


def check_case(folder: Path, rule: str) -> None:
    """The case names the rule and a source; leaky is flagged exactly at its markers; fixed is clean."""
    meta = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    assert meta["source"].startswith("https://"), folder.name
    assert rule in meta["rules"], folder.name
    leaky = twin(folder, "leaky")
    marks = expected(leaky)
    assert marks and {code for code, _ in marks} <= set(meta["rules"]), f"{folder.name}: markers {marks}"
    assert actual(leaky) == marks, f"{folder.name}/leaky: expected {sorted(marks)}, got {sorted(actual(leaky))}"
    fixed = twin(folder, "fixed")
    assert actual(fixed) == set(), f"{folder.name}/fixed: unexpected {sorted(actual(fixed))}"
