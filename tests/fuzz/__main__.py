"""The long fuzz run: `python -m tests.fuzz --examples 1000000 [--seed N] [--max-depth N]`.

Draws inputs from a seeded Random (the same generators as the smoke test,
without Hypothesis's per-example cost), checks each one, and prints a
summary: inputs, crashes (broken invariants and exceptions), slow inputs,
rate and peak memory.  Failing and slow inputs are saved under --save so
they can become regression tests.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import traceback
from pathlib import Path

from tests.fuzz.harness import SLOW_SECONDS, check, generate


def main() -> int:
    """Run the long fuzz run; exit 1 if anything crashed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--max-depth", type=int, default=100_000)
    parser.add_argument("--save", default="fuzz-findings", help="folder for crashing and slow inputs")
    parser.add_argument("--progress", type=int, default=10_000, help="print a line every N inputs")
    parser.add_argument("--keep-current", action="store_true", help="write each input to SAVE/current.bin first")
    parser.add_argument("--stop-at", type=float, default=0, help="stop at this Unix time (shared machines)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    save = Path(args.save)
    crashes = slow = done = 0
    slowest = 0.0
    started = time.monotonic()
    for index in range(args.examples):
        if args.stop_at and time.time() > args.stop_at:
            break
        source, extension = generate(rng, args.max_depth)
        if args.keep_current:  # a hang leaves the input that caused it on disk
            save.mkdir(parents=True, exist_ok=True)
            (save / "current.bin").write_bytes(source)
        try:
            outcome = check(source, extension)
        except Exception:  # noqa: BLE001 - every kind of failure is a crash to record
            crashes += 1
            save.mkdir(parents=True, exist_ok=True)
            (save / f"crash-{index}{extension}").write_bytes(source)
            print(f"crash at input {index}:\n{traceback.format_exc()}", file=sys.stderr, flush=True)
        else:
            slowest = max(slowest, outcome.seconds)
            if outcome.seconds > SLOW_SECONDS:
                slow += 1
                save.mkdir(parents=True, exist_ok=True)
                (save / f"slow-{index}{extension}").write_bytes(source)
        done += 1
        if args.progress and done % args.progress == 0:
            _summary(done, crashes, slow, slowest, started, final=False)
    _summary(done, crashes, slow, slowest, started, final=True)
    return 1 if crashes else 0


def _summary(done: int, crashes: int, slow: int, slowest: float, started: float, final: bool) -> None:
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    label = "done" if final else "progress"
    print(
        f"{label}: inputs={done} crashes={crashes} slow(>{SLOW_SECONDS:g}s)={slow} slowest={slowest:.2f}s "
        f"seconds={seconds:.0f} rate={done / max(seconds, 1e-9):.0f}/s peak_rss_MB={peak:.0f}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
