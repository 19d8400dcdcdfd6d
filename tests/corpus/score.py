"""Score leaklint on the real-world-reduced leak cases in tests/corpus/.

Each case folder holds a `case.toml` and a leaky side (`leaky.<ext>` or a
`leaky/` folder) whose lines below `// expect: LLnnn` markers must be flagged,
and/or a fixed side (`fixed.<ext>`, `fixed/`, `negative.<ext>` or `negative/`)
that must produce no finding.  Every side is checked by the real CLI, in
process, from inside the case folder (so reported paths are relative to it and
whatever the CLI does across files is what gets scored).

Counting, per rule:
- TP: a finding of the marker's rule on the marked line of the marked file;
- FN: a marker with no such finding;
- FP: any finding on a fixed or negative side, and any finding on a leaky side
  that matches no marker.

Precision is TP / (TP + FP), and 1.0 when a rule reported nothing (nothing
reported, nothing wrong); recall is TP / (TP + FN), defined only for rules
that have markers.

    python -m tests.corpus.score            # table, misses, false positives
    python -m tests.corpus.score --json     # the same, as JSON
    python -m tests.corpus.score --write-floor   # record today's figures in floor.toml
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from click.testing import CliRunner

from leaklint.cli import main as leaklint_main

CORPUS = Path(__file__).resolve().parent
FLOOR_FILE = CORPUS / "floor.toml"
SOURCE_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".vue", ".svelte")
MARKER = re.compile(r"//\s*expect:\s*((?:LL\d{3}[,\s]*)+)")
LEAKY_NAMES = ("leaky",)
CLEAN_NAMES = ("fixed", "negative")


@dataclass(frozen=True)
class Side:
    """One thing the CLI is run on: a file or folder inside a case, named relative to the case."""

    case: "Case"
    name: str  # "leaky.js", "fixed/", ...
    leaky: bool

    @property
    def path(self) -> Path:
        return self.case.folder / self.name

    def source_files(self) -> list[Path]:
        if self.path.is_dir():
            return sorted(p for p in self.path.rglob("*") if p.is_file() and p.suffix in SOURCE_SUFFIXES)
        return [self.path]

    def markers(self) -> set[tuple[str, str, int]]:
        """(path relative to the case, rule, line) for each marker: the finding belongs to the line below it."""
        found = set()
        for file in self.source_files():
            relative = file.relative_to(self.case.folder).as_posix()
            for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
                match = MARKER.search(line)
                if match:
                    for code in re.findall(r"LL\d{3}", match.group(1)):
                        found.add((relative, code, number + 1))
        return found


@dataclass
class Case:
    folder: Path
    meta: dict

    @property
    def slug(self) -> str:
        return self.folder.name

    def sides(self) -> list[Side]:
        sides = []
        for entry in sorted(self.folder.iterdir()):
            stem = entry.name if entry.is_dir() else entry.name.split(".", 1)[0]
            if entry.is_file() and entry.suffix not in SOURCE_SUFFIXES:
                continue
            if stem in LEAKY_NAMES:
                sides.append(Side(self, entry.name, leaky=True))
            elif stem in CLEAN_NAMES:
                sides.append(Side(self, entry.name, leaky=False))
        return sides


def load_cases(root: Path | None = None) -> list[Case]:
    """Every folder of ``root`` (default: this corpus) that holds a case.toml, by name."""
    root = root if root is not None else CORPUS
    cases = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and (p / "case.toml").exists()):
        with open(folder / "case.toml", "rb") as handle:
            cases.append(Case(folder, tomllib.load(handle)))
    return cases


def run_leaklint(side: Side) -> dict:
    """The CLI's JSON report for one side, run from inside its case folder."""
    previous = os.getcwd()
    os.chdir(side.case.folder)
    try:
        result = CliRunner().invoke(
            leaklint_main,
            # --no-cache: with the cache on, a run of one side links the other cases' cached summaries
            # as the rest of "the project" (they all sit under this repository's root)
            ["check", side.name, "--format", "json", "--isolated", "--exit-zero", "--jobs", "1", "--color", "never",
             "--no-cache"],
            catch_exceptions=True,
        )
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise RuntimeError(f"{side.case.slug}/{side.name}: leaklint raised {result.exception!r}")
    if result.exit_code != 0:
        raise RuntimeError(f"{side.case.slug}/{side.name}: leaklint exited {result.exit_code}: {result.output}")
    return json.loads(result.stdout)


@dataclass
class RuleScore:
    tp: int = 0
    fn: int = 0
    fp: int = 0

    @property
    def precision(self) -> float:
        reported = self.tp + self.fp
        return self.tp / reported if reported else 1.0

    @property
    def recall(self) -> float | None:
        expected = self.tp + self.fn
        return self.tp / expected if expected else None

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fn": self.fn, "fp": self.fp, "precision": self.precision, "recall": self.recall}


@dataclass
class Score:
    cases: int = 0
    leaky_sides: int = 0
    clean_sides: int = 0
    clean_sides_flagged: int = 0
    negative_cases: int = 0  # cases with no leaky side: pure look-alikes
    negative_cases_flagged: int = 0
    per_rule: dict[str, RuleScore] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def rule(self, code: str) -> RuleScore:
        return self.per_rule.setdefault(code, RuleScore())

    @property
    def overall(self) -> RuleScore:
        total = RuleScore()
        for score in self.per_rule.values():
            total.tp += score.tp
            total.fn += score.fn
            total.fp += score.fp
        return total

    def as_dict(self) -> dict:
        return {
            "cases": self.cases,
            "leaky_sides": self.leaky_sides,
            "clean_sides": self.clean_sides,
            "clean_sides_flagged": self.clean_sides_flagged,
            "negative_cases": self.negative_cases,
            "negative_cases_flagged": self.negative_cases_flagged,
            "overall": self.overall.as_dict(),
            "per_rule": {code: self.per_rule[code].as_dict() for code in sorted(self.per_rule)},
            "misses": self.misses,
            "false_positives": self.false_positives,
            "errors": self.errors,
        }


def score_cases(cases: list[Case]) -> Score:
    score = Score(cases=len(cases))
    for case in cases:
        sides = case.sides()
        negative = not any(side.leaky for side in sides)
        flagged = False
        for side in sides:
            report = run_leaklint(side)
            for error in report.get("errors", []):
                score.errors.append({"case": case.slug, "path": error.get("path"), "message": error.get("message")})
            found = {(f["path"], f["rule"], f["line"]) for f in report.get("findings", [])}
            expected = side.markers() if side.leaky else set()
            if side.leaky:
                score.leaky_sides += 1
            else:
                score.clean_sides += 1
                score.clean_sides_flagged += bool(found)
                flagged = flagged or bool(found)
            for path, rule, line in sorted(expected):
                if (path, rule, line) in found:
                    score.rule(rule).tp += 1
                else:
                    score.rule(rule).fn += 1
                    score.misses.append({"case": case.slug, "rule": rule, "path": path, "line": line})
            for path, rule, line in sorted(found - expected):
                score.rule(rule).fp += 1
                score.false_positives.append({"case": case.slug, "rule": rule, "path": path, "line": line})
        if negative:
            score.negative_cases += 1
            score.negative_cases_flagged += flagged
    return score


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def render(score: Score) -> str:
    lines = [
        f"{score.cases} cases: {score.leaky_sides} leaky sides, {score.clean_sides} fixed/negative sides "
        f"({score.clean_sides_flagged} flagged); {score.negative_cases} pure negatives "
        f"({score.negative_cases_flagged} flagged)",
        "",
        f"{'rule':<8} {'TP':>4} {'FN':>4} {'FP':>4} {'precision':>10} {'recall':>7}",
    ]
    rows = [(code, score.per_rule[code]) for code in sorted(score.per_rule)] + [("overall", score.overall)]
    for code, rule in rows:
        lines.append(
            f"{code:<8} {rule.tp:>4} {rule.fn:>4} {rule.fp:>4} {_figure(rule.precision):>10} {_figure(rule.recall):>7}"
        )
    if score.misses:
        lines += ["", "misses (marker with no finding):"]
        lines += [f"  {m['case']}: {m['rule']} {m['path']}:{m['line']}" for m in score.misses]
    if score.false_positives:
        lines += ["", "false positives:"]
        lines += [f"  {f['case']}: {f['rule']} {f['path']}:{f['line']}" for f in score.false_positives]
    if score.errors:
        lines += ["", "files leaklint could not analyze fully:"]
        lines += [f"  {e['case']}: {e['path']}: {e['message']}" for e in score.errors]
    return "\n".join(lines) + "\n"


def floor_of(value: float) -> float:
    """Round down to two decimals, so a floor never exceeds what was measured."""
    return math.floor(value * 100 + 1e-9) / 100


_FLOOR_HEADER = [
    "# Minimum precision/recall on tests/corpus/, checked by tests/test_corpus.py.",
    "# Written by `python -m tests.corpus.score --write-floor`; raise it when leaklint improves,",
    "# never lower it to make a change pass.",
]


def floor_history(text: str) -> list[str]:
    """The comment lines of a floor.toml after its header: why each earlier floor was set, kept on a rewrite."""
    return [line for line in text.splitlines() if line.startswith("#") and line not in _FLOOR_HEADER]


def floor_toml(score: Score, history: list[str] = ()) -> str:
    """floor.toml text recording today's figures, rounded down, below the header and the ``history`` comments."""
    lines = [
        *_FLOOR_HEADER,
        *history,
        "",
        "[overall]",
        f"precision = {floor_of(score.overall.precision):.2f}",
        f"recall = {floor_of(score.overall.recall or 0.0):.2f}",
    ]
    for code in sorted(score.per_rule):
        rule = score.per_rule[code]
        lines += ["", f"[rules.{code}]"]
        # A rule that reported nothing has no measured precision: it gets no precision floor,
        # so its first true positive is not held to 1.00.
        if rule.tp + rule.fp:
            lines.append(f"precision = {floor_of(rule.precision):.2f}")
        if rule.recall is not None:
            lines.append(f"recall = {floor_of(rule.recall):.2f}")
    return "\n".join(lines) + "\n"


def cli(argv: list[str]) -> int:
    score = score_cases(load_cases())
    if "--write-floor" in argv:
        history = floor_history(FLOOR_FILE.read_text(encoding="utf-8")) if FLOOR_FILE.exists() else []
        FLOOR_FILE.write_text(floor_toml(score, history), encoding="utf-8")
    if "--json" in argv:
        print(json.dumps(score.as_dict(), indent=2))
    else:
        print(render(score), end="")
    return 0


if __name__ == "__main__":
    sys.exit(cli(sys.argv[1:]))
