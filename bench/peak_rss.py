"""Peak memory of a whole leaklint run: the main process and the largest worker.

Usage: python bench/peak_rss.py FOLDER [--jobs N] [-- extra leaklint options]

Runs `leaklint check --format json --isolated --jobs N FOLDER` in a fresh
interpreter (output discarded) and prints the main process's max RSS and the
largest max RSS among its worker processes (``getrusage`` of the process and
of its children), with the seconds taken. Run it on a
part of a tree and on the whole to see whether memory grows with the number
of files: the main process keeps every file's result and project summary
until the report is written; a worker keeps nothing from one file to the next.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = """
import io, json, resource, sys, time, contextlib
from click.testing import CliRunner
from leaklint.cli import main
start = time.perf_counter()
result = CliRunner().invoke(main, sys.argv[1:])
seconds = time.perf_counter() - start
report = json.loads(result.stdout)  # notes (skipped files) go to stderr
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"main_mb": own / 1024, "worker_mb": workers / 1024, "seconds": seconds,
                  "findings": len(report["findings"]), "errors": len(report["errors"])}))
"""


def main() -> None:
    """Run once and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--jobs", type=int, default=1)
    # Options after `--` go to leaklint; argparse cannot take them as a positional after FOLDER.
    argv = sys.argv[1:]
    extra: list[str] = []
    if "--" in argv:
        split = argv.index("--")
        argv, extra = argv[:split], argv[split + 1 :]
    args = parser.parse_args(argv)
    command = [sys.executable, "-c", CHILD, "--format", "json", "--isolated", "--exit-zero",
               "--jobs", str(args.jobs), *extra, args.folder]
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        raise SystemExit(completed.stderr)
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    worker = f"{figures['worker_mb']:.0f} MB" if args.jobs > 1 else "none"
    print(f"folder={args.folder} jobs={args.jobs} seconds={figures['seconds']:.1f} findings={figures['findings']} "
          f"errors={figures['errors']} main_peak={figures['main_mb']:.0f} MB largest_worker_peak={worker}")


if __name__ == "__main__":
    main()
