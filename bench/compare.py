"""Time leaklint against ESLint + eslint-plugin-listeners and against the parse-only floor.

Usage: python bench/compare.py FOLDER [--pairs N] [--jobs N] [--leaklint PATH]

Installs nothing. The ESLint side comes from ``bench/eslint`` (run ``npm ci``
there once); leaklint is the ``leaklint`` next to this Python interpreter
unless ``--leaklint`` names another. Each measurement is a whole command
(start-up included), run with FOLDER as the working directory, and the two
sides of a pair run one after the other, alternating which goes first, so a
machine that gets busier or quieter during the run affects both alike.

Printed: the median wall time of each command, and the median of the paired
ratios for the three comparisons the speed goals are stated in:

- ESLint (``--concurrency 2``) / leaklint (default jobs), goal >= 10;
- leaklint ``--jobs 1`` / parse-only in one process, goal <= 2.0;
- leaklint ``--jobs 1`` / leaklint ``--jobs 2``, goal >= 1.8.

The parse-only floor is py-tree-sitter parsing the same files (the ones
leaklint's discovery finds) with the same grammars, in one process, nothing
else. ``--no-cache`` is passed to leaklint when it knows the option, so every
leaklint run is cold.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ESLINT_DIR = HERE / "eslint"

_PARSE_ONLY = """
import sys, time
from leaklint.discover import discover
from leaklint import syntax
import os
found = discover(['.'])
start = time.perf_counter()
for source in found.files:
    grammar = syntax.EXTENSION_GRAMMARS.get(os.path.splitext(source.path)[1].lower(), syntax.Grammar.JAVASCRIPT)
    with open(source.path, 'rb') as handle:
        syntax.parse(handle.read(), grammar)
print(len(found.files))
"""


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Run a command to completion, output discarded; return wall seconds. Exit codes 0 and 1 are fine."""
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {completed.returncode}:\n{completed.stderr.decode(errors='replace')}")
    return seconds


def leaklint_command(leaklint: str, jobs: int | None) -> list[str]:
    """leaklint on the working directory, cold, with output thrown away."""
    command = [leaklint, "--exit-zero", "--format", "json", "--isolated"]
    if _knows_option(leaklint, "--no-cache"):
        command.append("--no-cache")
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    return command + ["."]


def _knows_option(leaklint: str, option: str) -> bool:
    result = subprocess.run([leaklint, "--help"], capture_output=True, text=True)
    return option in result.stdout


def eslint_command() -> list[str]:
    """The ESLint setup of bench/eslint, linting the working directory."""
    binary = ESLINT_DIR / "node_modules" / ".bin" / "eslint"
    if not binary.exists():
        raise SystemExit(f"ESLint is not installed: run `npm ci` in {ESLINT_DIR}")
    return [
        str(binary),
        "--config", str(ESLINT_DIR / "eslint.config.mjs"),
        "--format", str(ESLINT_DIR / "one-line.cjs"),
        "--concurrency", "2",
        "--no-warn-ignored",
        ".",
    ]


def paired(first: list[str], second: list[str], cwd: Path, pairs: int, env=None) -> tuple[list[float], list[float]]:
    """Time two commands alternately, `pairs` times each; return both lists of seconds."""
    a_times, b_times = [], []
    for index in range(pairs):
        if index % 2 == 0:
            a_times.append(timed(first, cwd, env))
            b_times.append(timed(second, cwd, env))
        else:
            b_times.append(timed(second, cwd, env))
            a_times.append(timed(first, cwd, env))
    return a_times, b_times


def ratio(numerators: list[float], denominators: list[float]) -> float:
    """Median of the pairwise ratios."""
    return statistics.median(n / d for n, d in zip(numerators, denominators))


def main() -> None:
    """Run the three comparisons and print their medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pairs", type=int, default=3, help="pairs per comparison (at least 3)")
    parser.add_argument("--jobs", type=int, default=None, help="leaklint's default-jobs run uses this (default: its own default)")
    parser.add_argument("--leaklint", default=str(Path(sys.executable).with_name("leaklint")))
    parser.add_argument("--skip-eslint", action="store_true", help="only the parse-only and --jobs comparisons")
    args = parser.parse_args()
    folder = args.folder.resolve()
    pairs = max(3, args.pairs)
    python_env = dict(os.environ)
    parse_only = [sys.executable, "-c", _PARSE_ONLY]

    rows: list[tuple[str, float, float, float, str]] = []
    if not args.skip_eslint:
        eslint_times, leak_times = paired(eslint_command(), leaklint_command(args.leaklint, args.jobs), folder, pairs)
        rows.append(("ESLint / leaklint", statistics.median(eslint_times), statistics.median(leak_times),
                     ratio(eslint_times, leak_times), ">= 10"))
    one_times, parse_times = paired(leaklint_command(args.leaklint, 1), parse_only, folder, pairs, python_env)
    rows.append(("leaklint -j1 / parse-only", statistics.median(one_times), statistics.median(parse_times),
                 ratio(one_times, parse_times), "<= 2.0"))
    one_times, two_times = paired(leaklint_command(args.leaklint, 1), leaklint_command(args.leaklint, 2), folder, pairs)
    rows.append(("leaklint -j1 / leaklint -j2", statistics.median(one_times), statistics.median(two_times),
                 ratio(one_times, two_times), ">= 1.8"))

    print(f"folder={folder} pairs={pairs} cores={os.cpu_count()} python={sys.version.split()[0]}")
    print(f"{'comparison':30} {'median A (s)':>12} {'median B (s)':>12} {'ratio':>7}  goal")
    for name, a, b, value, goal in rows:
        print(f"{name:30} {a:12.2f} {b:12.2f} {value:7.2f}  {goal}")


if __name__ == "__main__":
    main()
