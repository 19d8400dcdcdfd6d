"""Peak memory per file against its size: a 5 MB minified bundle and one 10 MB line.

Usage: python bench/memory.py [--only bundle,line]

Each input is analyzed in a fresh process (so one peak does not hide the
next); the figure is the growth of max RSS over the interpreter's baseline,
divided by the file size (the target in issue 12 is about 20x).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

CHILD = """
import resource, sys, time
from leaklint.engine import AnalysisOptions, analyze_path
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
result = analyze_path(sys.argv[1], "input.js", AnalysisOptions(file_timeout=None))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(base, peak, seconds, len(result.findings), len(result.errors))
"""


def bundle() -> str:
    chunk = 'var a{n}=function(b){{return b+"{n}: minified bundles carry many strings"}};'
    leak = "var c=new Map();app.get('/x',function(q,r){c.set(q.url,1);r.end()});"
    return "".join(chunk.format(n=n) for n in range(70_000)) + leak


def long_line() -> str:
    chunk = "a{n}=[{n},'x{n}',{{k:{n}}}];"
    return "".join(chunk.format(n=n) for n in range(270_000))


def main() -> None:
    """Generate each input, measure it in a child process, print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="bundle,line")
    args = parser.parse_args()
    makers = {"bundle": bundle, "line": long_line}
    with tempfile.TemporaryDirectory() as folder:
        for name in args.only.split(","):
            path = os.path.join(folder, f"{name}.js")
            with open(path, "w") as handle:
                handle.write(makers[name]())
            size = os.path.getsize(path)
            output = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, text=True, check=True).stdout
            base, peak, seconds, findings, errors = output.split()
            growth_mb = (int(peak) - int(base)) / 1024
            print(
                f"{name:<7} size_MB={size / 1e6:.1f} seconds={float(seconds):.1f} peak_growth_MB={growth_mb:.0f} "
                f"ratio={growth_mb * 1024 * 1024 / size:.0f}x findings={findings} errors={errors}",
                flush=True,
            )


if __name__ == "__main__":
    main()
