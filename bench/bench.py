"""Time leaklint on a folder: files, MB, seconds and MB/s, in one process.

Usage: python bench/bench.py PATH [--repeat N] [--select CODES] [--profile]

Runs the same pipeline as `leaklint PATH` (discovery, read, parse, model,
every enabled rule) in this process, without a worker pool, so the figure is
single-core throughput. Peak memory (max RSS) is printed too.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

from leaklint.discover import discover
from leaklint.engine import AnalysisOptions, analyze_path
from leaklint.rules import ALL_RULES


def run_once(paths: list[str], options: AnalysisOptions) -> tuple[int, int, int, float, float]:
    """Analyze every file once; return files, bytes, findings, wall seconds and CPU seconds."""
    start = time.perf_counter()
    cpu_start = time.process_time()
    found = discover(paths)
    total_bytes = findings = 0
    for source in found.files:
        result = analyze_path(source.path, source.display_path, options)
        total_bytes += result.size
        findings += len(result.findings)
    return len(found.files), total_bytes, findings, time.perf_counter() - start, time.process_time() - cpu_start


def main() -> None:
    """Parse arguments, run, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=3, help="report the best of N runs")
    parser.add_argument("--select", default="", help="comma-separated rule codes (default: all)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary of one run")
    args = parser.parse_args()
    codes = tuple(c.strip() for c in args.select.split(",") if c.strip()) or tuple(r.code for r in ALL_RULES)
    options = AnalysisOptions(rule_codes=codes)
    if args.profile:
        import cProfile
        import pstats

        cProfile.runctx("run_once(args.paths, options)", globals(), {"args": args, "options": options}, "/tmp/leaklint.prof")
        pstats.Stats("/tmp/leaklint.prof").sort_stats("tottime").print_stats(25)
    best = None
    for _ in range(max(1, args.repeat)):
        result = run_once(args.paths, options)
        if best is None or result[3] < best[3]:
            best = result
    files, total_bytes, findings, seconds, cpu_seconds = best
    megabytes = total_bytes / 1e6
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"files={files} MB={megabytes:.2f} seconds={seconds:.2f} MB/s={megabytes / seconds:.2f} "
        f"cpu_seconds={cpu_seconds:.2f} "
        f"findings={findings} rules={','.join(codes)} peak_rss_MB={peak_mb:.0f} python={sys.version.split()[0]}"
    )


if __name__ == "__main__":
    main()
