"""A timeline of the parent process's phases in one `leaklint check` run.

Usage: python bench/phases.py [--repeat N] -- CHECK_ARGS...

Runs ``leaklint check CHECK_ARGS`` in a fresh process (its report goes where
the arguments say: pass ``-o /dev/null`` to throw it away) with wrappers
around the parts a run goes through in the parent: the CLI's import,
discovery, opening the cache, phase 1, the link, phase 2 (``_cached_map``'s
two calls) and the report (rendering and writing). For each part it prints the wall-clock and the CPU
seconds of this process (``time.process_time``: the parent only, so under
``--jobs 2`` the workers' CPU is not in it), and at the end the CPU of the
workers (``RUSAGE_CHILDREN``). Timings include the wrappers' own cost (a few
microseconds each). With ``--repeat N`` the run is repeated in fresh
processes and the median of each part is printed.

The interpreter's own start-up (before this script's first line) is not in
the timeline: measure it with ``python -X importtime -c pass``.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time

_T0 = time.perf_counter()
_C0 = time.process_time()


def _one_run(args: list[str]) -> list[tuple[str, float, float]]:
    """(part, wall s, parent CPU s) for one run of ``check args`` in this process."""
    marks: list[tuple[str, float, float]] = []

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter(), time.process_time()))

    mark("start")
    import leaklint.cli as cli
    import leaklint.project.run as run

    mark("import cli")

    def wrap(module, name: str, *labels: str):
        """Wrap module.name; its n-th call is labelled labels[n - 1] (the last label for any later call)."""
        original = getattr(module, name)
        seen = [0]

        def wrapper(*a, **k):
            seen[0] += 1
            label_now = labels[min(seen[0], len(labels)) - 1]
            mark(f"before {label_now}")
            try:
                return original(*a, **k)
            finally:
                mark(label_now)

        setattr(module, name, wrapper)

    wrap(cli, "discover", "discovery")
    wrap(cli, "_open_cache", "open cache")
    wrap(cli, "_config_groups", "config groups")
    wrap(cli, "_split_oversized", "size limit")
    wrap(run, "_cached_map", "phase 1", "phase 2")
    wrap(cli, "apply_filters", "filters")
    wrap(cli, "_renderer", "import renderer")
    wrap(cli, "_write_text", "write report")
    wrap(cli, "_finish_cache", "finish cache")

    # _phases imports the link when it runs: patched in its module, it finds the wrapper
    import leaklint.project.link as link_module

    wrap(link_module, "link", "link")
    mark("before check")
    try:
        cli.main(["check", *args], standalone_mode=False)
    except SystemExit:
        pass
    mark("exit")
    return marks


def _parts(marks):
    """Consecutive intervals: (label, wall, cpu); gaps between wrapped parts are labelled 'between'."""
    parts = []
    for (name_a, wall_a, cpu_a), (name_b, wall_b, cpu_b) in zip(marks, marks[1:]):
        label = name_b if not name_b.startswith("before ") else f"(then, before {name_b[7:]})"
        parts.append((label, wall_b - wall_a, cpu_b - cpu_a))
    return parts


def main() -> None:
    argv = sys.argv[1:]
    repeat = 1
    if argv[:1] == ["--repeat"]:
        repeat, argv = int(argv[1]), argv[2:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if os.environ.get("_PHASES_CHILD"):
        marks = _one_run(argv)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(json.dumps({"parts": _parts(marks), "children_cpu": children.ru_utime + children.ru_stime,
                          "before_script": _C0}))
        return
    runs = []
    for _ in range(repeat):
        env = dict(os.environ, _PHASES_CHILD="1")
        out = subprocess.run([sys.executable, __file__, *argv], env=env, capture_output=True, text=True)
        last = out.stdout.strip().splitlines()[-1]
        runs.append(json.loads(last))
    labels = [label for label, _, _ in runs[0]["parts"]]
    print(f"{'part':<40} {'wall s':>8} {'cpu s':>8}   (median of {repeat}; parent only)")
    total_wall = total_cpu = 0.0
    for n, label in enumerate(labels):
        walls = [r["parts"][n][1] for r in runs if n < len(r["parts"])]
        cpus = [r["parts"][n][2] for r in runs if n < len(r["parts"])]
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        total_wall += wall
        total_cpu += cpu
        print(f"{label:<40} {wall:8.3f} {cpu:8.3f}")
    print(f"{'total (after interpreter start)':<40} {total_wall:8.3f} {total_cpu:8.3f}")
    print(f"{'workers CPU':<40} {'':>8} {statistics.median(r['children_cpu'] for r in runs):8.3f}")


if __name__ == "__main__":
    main()
