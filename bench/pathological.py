"""Generate the pathological inputs of issue 12 and time leaklint on each, one process.

Usage: python bench/pathological.py [--depth N] [--only NAME,...] [--profile NAME]

Each input is deeply nested or one very long chain of one construct.  The
figures (seconds, peak RSS growth) show whether any path of the analysis is
worse than linear; the tests in tests/test_bad_input.py hold the same
inputs to the per-file budget.
"""

from __future__ import annotations

import argparse
import resource
import time

from leaklint import syntax
from leaklint.engine import AnalysisOptions, analyze_source


def nested(kind: str, depth: int) -> str:
    """Source text nesting one construct ``depth`` deep."""
    if kind == "arrows":
        return "(() => {" * depth + "x();" + "})()" * depth + ";\n"
    if kind == "arrows_refs":
        return "const m = new Map();\n" + "(() => { m.get(1);" * depth + "})()" * depth + ";\n"
    if kind == "functions":
        return "function f() {" * depth + "x();" + "}" * depth + "\n"
    if kind == "calls":
        return "f(" * depth + "x" + ")" * depth + ";\n"
    if kind == "ternaries":
        return "a ? " * depth + "b" + " : c" * depth + ";\n"
    if kind == "binary":
        return "x = " + "1+" * depth + "1;\n"
    if kind == "compares":
        return "x = " + "a<" * depth + "b;\n"
    if kind == "arrays":
        return "x = " + "[" * depth + "]" * depth + ";\n"
    if kind == "objects":
        return "x = " + "{a:" * depth + "1" + "}" * depth + ";\n"
    if kind == "members":
        return "x = a" + ".b" * depth + ";\n"
    if kind == "parens":
        return "x = " + "(" * depth + "1" + ")" * depth + ";\n"
    if kind == "blocks":
        return "{let a;" * depth + "}" * depth + "\n"
    if kind == "classes":
        return "x = " + "class { m() { return " * depth + "1" + "} }" * depth + ";\n"
    if kind == "unary":
        return "x = " + "!" * depth + "a;\n"
    if kind == "deletes":
        return "delete " * depth + "a.b;\n"
    if kind == "awaits":
        return "async function f() { x = " + "await " * depth + "a; }\n"
    if kind == "news":
        return "x = " + "new " * depth + "A" + "()" * depth + ";\n"
    if kind == "templates":
        return "x = " + "`${" * depth + "1" + "}`" * depth + ";\n"
    if kind == "assigns":
        return "a = " * depth + "1;\n"
    if kind == "ifs":
        return "if (a) " * depth + "b();\n"
    if kind == "chain40k":
        return "x = " + "1+" * 20_000 + "1;\n"
    raise ValueError(kind)


KINDS = ("arrows", "arrows_refs", "functions", "calls", "ternaries", "binary", "compares", "arrays", "objects",
         "members", "parens", "blocks", "classes", "unary", "deletes", "awaits", "news", "templates",
         "assigns", "ifs", "chain40k")


def run(kind: str, depth: int) -> tuple[float, float, int]:
    """Seconds, peak RSS growth in MB, and errors reported for one input."""
    source = nested(kind, depth).encode()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = analyze_source("x.js", source, syntax.Grammar.JAVASCRIPT, AnalysisOptions())
    seconds = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return seconds, grown, len(result.errors)


def main() -> None:
    """Parse arguments, time each input, print one line per input."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depth", type=int, default=10_000)
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", default="")
    args = parser.parse_args()
    kinds = [k for k in args.only.split(",") if k] or list(KINDS)
    if args.profile:
        import cProfile
        import pstats

        source = nested(args.profile, args.depth).encode()
        cProfile.runctx(
            "analyze_source('x.js', source, syntax.Grammar.JAVASCRIPT, AnalysisOptions())",
            globals(), {"source": source}, "/tmp/leaklint-path.prof",
        )
        pstats.Stats("/tmp/leaklint-path.prof").sort_stats("tottime").print_stats(20)
        return
    for kind in kinds:
        seconds, grown, errors = run(kind, args.depth)
        print(f"{kind:<10} depth={args.depth} seconds={seconds:.2f} rss_growth_MB={grown:.0f} errors={errors}", flush=True)


if __name__ == "__main__":
    main()
