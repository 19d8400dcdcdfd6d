"""Diff a large heap-snapshot pair and report time and peak memory (not part of the test run).

    python bench/heap_large.py [--iterations N] [--keep DIR]

Writes a before/after pair with samples/drive.mjs from the
shared-closure-context leaky twin (its heap grows by ~75 KiB a reload, so
the default 2500 reloads give an AFTER snapshot of roughly 200-250 MB), then
runs `leaklint heap` on it in a child process and prints the child's peak
resident memory (ru_maxrss) and wall time. Snapshots go to a temporary folder
(deleted afterwards unless --keep is given).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=2500)
    parser.add_argument("--keep", help="write the snapshots here and keep them")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="leaklint-heap-bench-"))
    try:
        before, after = folder / "before.heapsnapshot", folder / "after.heapsnapshot"
        if not after.exists():
            subprocess.run(
                ["node", "--expose-gc", "--max-old-space-size=4096", str(ROOT / "samples" / "drive.mjs"),
                 str(ROOT / "samples" / "shared-closure-context" / "leaky.js"), "--iterations", str(args.iterations),
                 "--timeout-seconds", "3000", "--heap-snapshots", str(folder)],
                check=True, stdout=subprocess.DEVNULL,
            )
        print(f"before: {before.stat().st_size / 1e6:.0f} MB, after: {after.stat().st_size / 1e6:.0f} MB")
        started = time.monotonic()
        # The child reports its own peak (RUSAGE_CHILDREN would include node's).
        child = (
            "import resource, sys\n"
            "from leaklint.cli import main\n"
            "try:\n    main(sys.argv[1:])\n"
            "finally:\n"
            "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "    print(f'peak RSS {peak / 1024:.0f} MiB', file=sys.stderr)\n"
        )
        proc = subprocess.run(
            [sys.executable, "-c", child, "heap", str(before), str(after), "--progress", "--top", "5",
             "--source", str(ROOT / "samples" / "shared-closure-context")],
        )
        seconds = time.monotonic() - started
        print(f"leaklint heap: exit {proc.returncode}, {seconds:.0f} s")
        return proc.returncode
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
