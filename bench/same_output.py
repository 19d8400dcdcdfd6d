"""Check that two leaklint source trees report byte-identical JSON on the same inputs.

Usage: python bench/same_output.py BASE_TREE NEW_TREE [FOLDER ...] [--jobs N] [--no-tests]

Runs `leaklint check --format json --isolated --no-cache`
with each tree first on `sys.path` (one child process per tree, every target
in turn, so the comparison costs one start-up per tree), on each FOLDER and,
unless `--no-tests`, on every side of every tests/corpus case, every
tests/projects folder, `samples` and `tests/fixtures` of NEW_TREE (given by
absolute path, so both trees print the same paths). Prints the targets whose
output or exit status differ and exits 1 if any do. A speed change must leave
the output alone; this is how to show it.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import subprocess
import sys
import tempfile

_CHILD = r"""
import contextlib, json, sys
sys.path.insert(0, sys.argv[1])
from leaklint.cli import main
targets = json.loads(sys.argv[2])
jobs = sys.argv[4]
for n, target in enumerate(targets):
    out = f"{sys.argv[3]}/{n}.json"
    args = ["check", "--format", "json", "--isolated", "--no-cache", "--jobs", jobs, "--output-file", out, target]
    try:
        with contextlib.redirect_stderr(open(f"{sys.argv[3]}/{n}.err", "w")):
            main(args, standalone_mode=False)
        code = 0
    except SystemExit as exit:
        code = exit.code
    with open(f"{sys.argv[3]}/{n}.code", "w") as handle:
        handle.write(str(code))
"""


def targets(new_tree: str, folders: list[str], tests: bool) -> list[str]:
    """The folders and files to compare on, absolute."""
    found = [os.path.abspath(f) for f in folders]
    if tests:
        corpus = os.path.join(new_tree, "tests", "corpus")
        for case in sorted(os.listdir(corpus)):
            folder = os.path.join(corpus, case)
            if os.path.isdir(folder):
                found += sorted(
                    os.path.join(folder, name) for name in os.listdir(folder) if name.startswith(("leaky", "fixed"))
                )
        projects = os.path.join(new_tree, "tests", "projects")
        found += sorted(
            os.path.join(projects, p) for p in os.listdir(projects) if os.path.isdir(os.path.join(projects, p))
        )
        found += [os.path.join(new_tree, "samples"), os.path.join(new_tree, "tests", "fixtures")]
    return found


def run(tree: str, paths: list[str], jobs: int, out: str) -> None:
    """Every target through one child process importing leaklint from ``tree``."""
    os.makedirs(out)
    env = dict(os.environ, PYTHONHASHSEED="0")
    subprocess.run([sys.executable, "-c", _CHILD, os.path.abspath(tree), json.dumps(paths), out, str(jobs)],
                   check=True, env=env, cwd=out)


def main() -> None:
    """Run both trees and compare."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("new")
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--no-tests", action="store_true", help="only the FOLDERs given")
    args = parser.parse_args()
    paths = targets(os.path.abspath(args.new), args.folders, not args.no_tests)
    with tempfile.TemporaryDirectory(prefix="same-output-") as scratch:
        for name, tree in (("base", args.base), ("new", args.new)):
            run(tree, paths, args.jobs, os.path.join(scratch, name))
        different = []
        for n, path in enumerate(paths):
            for suffix in (".json", ".code"):
                a, b = (os.path.join(scratch, side, f"{n}{suffix}") for side in ("base", "new"))
                same = os.path.exists(a) == os.path.exists(b) and (
                    not os.path.exists(a) or filecmp.cmp(a, b, shallow=False)
                )
                if not same:
                    different.append(f"{path} ({suffix[1:]})")
        print(f"{len(paths)} targets, {len(different)} different")
        for line in different:
            print("  " + line)
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
