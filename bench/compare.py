"""Time leaklint against ESLint + eslint-plugin-listeners and against the parse-only floor.

Usage: python bench/compare.py FOLDER [--pairs N] [--jobs N] [--leaklint PATH] [--skip-eslint]

Installs nothing. The ESLint side comes from ``bench/eslint`` (run ``npm ci``
there once); leaklint is the ``leaklint`` next to this Python interpreter
unless ``--leaklint`` names another. Each measurement is a whole command
(start-up included), run with FOLDER as the working directory, and the two
sides of a pair run one after the other, alternating which goes first, so a
machine that gets busier or quieter during the run affects both alike.

Printed, for each comparison: the median of each side and the median of the
paired ratios, in wall-clock seconds and in CPU seconds (user + system of
the command and all its children, from ``getrusage(RUSAGE_CHILDREN)``
deltas; on a machine shared with other work the CPU figure moves much less
than the wall-clock one):

- ESLint (``--concurrency 2``) / leaklint (default jobs), goal >= 10;
- leaklint ``--jobs 1`` / parse-only in one process, goal <= 2.0;
- leaklint ``--jobs 1`` / leaklint ``--jobs 2``, goal >= 1.8;
- leaklint warm / cold (only when leaklint has ``--no-cache``), goal <= 0.1.

The parse-only floor is py-tree-sitter parsing the same files (the ones
leaklint's discovery finds) with the same grammars, in one process, nothing
else. ``--no-cache`` is passed to leaklint when it knows the option, so every
run but the warm ones is cold; the warm runs use a cache folder of their own
(``--cache-dir``, in a temporary folder) filled by one run first. The block
after the table is meant to be pasted into docs/performance.md. Before
timing, leaklint's package is byte-compiled (``compileall``, what ``pip
install`` does), so that an editable install times what an installed one does.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ESLINT_DIR = HERE / "eslint"

_PARSE_ONLY = """
import os
from leaklint.discover import discover
from leaklint import syntax
found = discover(['.'])
for source in found.files:
    grammar = syntax.EXTENSION_GRAMMARS.get(os.path.splitext(source.path)[1].lower(), syntax.Grammar.JAVASCRIPT)
    with open(source.path, 'rb') as handle:
        syntax.parse(handle.read(), grammar)
print(len(found.files))
"""


@dataclass(frozen=True)
class Sample:
    """One run of a command: wall-clock and CPU seconds (user + system, children included)."""

    wall: float
    cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path) -> Sample:
    """Run a command to completion, output discarded. Exit codes 0 and 1 are fine."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {completed.returncode}:\n{completed.stderr.decode(errors='replace')}")
    return Sample(wall, _children_cpu() - cpu_before)


def _knows_option(leaklint: str, option: str) -> bool:
    """Whether `leaklint check` has an option (the group's own --help does not list check's)."""
    result = subprocess.run([leaklint, "check", "--help"], capture_output=True, text=True)
    return option in result.stdout


def leaklint_command(leaklint: str, jobs: int | None, cache_dir: str | None = None) -> list[str]:
    """leaklint on the working directory with output thrown away; cold unless ``cache_dir`` is given."""
    command = [leaklint, "check", "--exit-zero", "--format", "json", "--isolated"]
    if cache_dir is not None:
        command += ["--cache-dir", cache_dir]
    elif _knows_option(leaklint, "--no-cache"):
        command.append("--no-cache")
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    return command + ["."]


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


def paired(first: list[str], second: list[str], cwd: Path, pairs: int) -> tuple[list[Sample], list[Sample]]:
    """Time two commands alternately, ``pairs`` times each; return both lists of samples."""
    a_samples, b_samples = [], []
    for index in range(pairs):
        if index % 2 == 0:
            a_samples.append(timed(first, cwd))
            b_samples.append(timed(second, cwd))
        else:
            b_samples.append(timed(second, cwd))
            a_samples.append(timed(first, cwd))
    return a_samples, b_samples


def ratio(numerators: list[float], denominators: list[float]) -> float:
    """Median of the pairwise ratios."""
    return statistics.median(n / d for n, d in zip(numerators, denominators) if d > 0)


@dataclass(frozen=True)
class Row:
    """One comparison: A against B, the goal on the wall-clock ratio A/B."""

    name: str
    a: list[Sample]
    b: list[Sample]
    goal: str

    def medians(self, what: str) -> tuple[float, float, float]:
        a = [getattr(s, what) for s in self.a]
        b = [getattr(s, what) for s in self.b]
        return statistics.median(a), statistics.median(b), ratio(a, b)


def _versions(leaklint: str) -> str:
    def output(command: list[str]) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
        except OSError:
            return "?"

    import tree_sitter  # noqa: F401  (the version is the installed distribution's)
    from importlib.metadata import version

    eslint = ESLINT_DIR / "node_modules" / ".bin" / "eslint"
    parts = [
        output([leaklint, "--version"]),
        f"python {sys.version.split()[0]}",
        f"py-tree-sitter {version('tree-sitter')}",
        f"node {output(['node', '--version'])}",
    ]
    if eslint.exists():
        parts.append(f"eslint {output([str(eslint), '--version'])}")
    return ", ".join(parts)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _compile_bytecode(leaklint: str) -> None:
    """Byte-compile the leaklint package that ``leaklint`` runs, as ``pip install`` does.

    An editable install (or PYTHONDONTWRITEBYTECODE=1, set on some machines)
    leaves no ``.pyc`` files, and every run would then compile ~100 modules
    from source first: start-up an installed copy does not pay.
    """
    python = Path(leaklint).with_name("python")
    interpreter = str(python) if python.exists() else sys.executable
    subprocess.run(
        [interpreter, "-c", "import compileall, os, leaklint; compileall.compile_dir(os.path.dirname(leaklint.__file__), quiet=1)"],
        check=False, capture_output=True,
    )


def main() -> None:
    """Run the comparisons and print their medians and ratios, then a block for the docs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pairs", type=int, default=3, help="pairs per comparison (at least 3)")
    parser.add_argument("--jobs", type=int, default=None, help="leaklint's default-jobs run uses this (default: its own default)")
    parser.add_argument("--leaklint", default=str(Path(sys.executable).with_name("leaklint")))
    parser.add_argument("--skip-eslint", action="store_true", help="only the leaklint comparisons")
    args = parser.parse_args()
    folder = args.folder.resolve()
    pairs = max(3, args.pairs)
    leaklint = args.leaklint
    parse_only = [sys.executable, "-c", _PARSE_ONLY]
    _compile_bytecode(leaklint)
    load_before = os.getloadavg()

    rows: list[Row] = []
    if not args.skip_eslint:
        rows.append(Row("ESLint / leaklint", *paired(eslint_command(), leaklint_command(leaklint, args.jobs), folder, pairs), ">= 10"))
    rows.append(Row("leaklint -j1 / parse-only", *paired(leaklint_command(leaklint, 1), parse_only, folder, pairs), "<= 2.0"))
    rows.append(Row("leaklint -j1 / leaklint -j2", *paired(leaklint_command(leaklint, 1), leaklint_command(leaklint, 2), folder, pairs), ">= 1.8"))
    if _knows_option(leaklint, "--no-cache") and _knows_option(leaklint, "--cache-dir"):
        with tempfile.TemporaryDirectory(prefix="leaklint-bench-cache-") as cache_dir:
            warm = leaklint_command(leaklint, args.jobs, cache_dir)
            timed(warm, folder)  # fills the cache
            rows.append(Row("leaklint warm / cold", *paired(warm, leaklint_command(leaklint, args.jobs), folder, pairs), "<= 0.1"))
    load_after = os.getloadavg()

    header = f"{'comparison':30} {'A wall':>8} {'B wall':>8} {'ratio':>7}   {'A cpu':>8} {'B cpu':>8} {'ratio':>7}  goal (wall)"
    lines = [header]
    for row in rows:
        a, b, r = row.medians("wall")
        ca, cb, cr = row.medians("cpu")
        lines.append(f"{row.name:30} {a:8.2f} {b:8.2f} {r:7.2f}   {ca:8.2f} {cb:8.2f} {cr:7.2f}  {row.goal}")
    files = subprocess.run(parse_only, cwd=folder, capture_output=True, text=True).stdout.strip()
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.suffix in {".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"})
    print(f"folder={folder} files={files} pairs={pairs}")
    print("\n".join(lines))
    print()
    print("--- summary (paste into docs/performance.md) ---")
    print(f"- machine: {_cpu_model()}, {_usable_cores()} usable cores, {platform.system()} {platform.release()}; "
          f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    print(f"- versions: {_versions(leaklint)}")
    print(f"- corpus: {folder.name}, {files} files, {size / 1e6:.1f} MB of source; {pairs} pairs per comparison, "
          "medians of paired ratios; seconds are medians of each side")
    print(f"- command: python bench/compare.py {args.folder} --pairs {pairs}" + (" --skip-eslint" if args.skip_eslint else ""))
    print()
    print("| comparison | A (s) | B (s) | A/B wall | A (CPU s) | B (CPU s) | A/B CPU | goal |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        a, b, r = row.medians("wall")
        ca, cb, cr = row.medians("cpu")
        print(f"| {row.name} | {a:.2f} | {b:.2f} | {r:.2f} | {ca:.2f} | {cb:.2f} | {cr:.2f} | {row.goal} |")


if __name__ == "__main__":
    main()
