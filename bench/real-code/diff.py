"""Compare two run.sh output directories finding by finding.

Usage: diff.py OLD NEW [--project SLUG ...]

A finding is keyed by (project, path, line, rule, confidence); a key present
in only one run is printed as removed (-, only in OLD) or added (+, only in
NEW) with its message. A confidence change therefore shows as one removed and
one added line. A project whose output is in only one directory is reported
too. Exit status: 0 when both runs agree, 1 on any difference.
"""
import argparse
import sys
from collections import Counter
from pathlib import Path

from findings import load_findings


def project_outputs(directory):
    """slug -> JSON path of every project output in one run directory."""
    return {p.stem: p for p in sorted(Path(directory).glob("*.json"))}


def keyed(slug, findings):
    """Counter of finding keys (a key can repeat) and one message per key."""
    keys, messages = Counter(), {}
    for f in findings:
        key = (slug, f["path"], f["line"], f["rule"], f["confidence"])
        keys[key] += 1
        messages.setdefault(key, f["message"])
    return keys, messages


def compare(old_dir, new_dir, projects=None):
    """Lines describing every difference between the two runs."""
    old, new = project_outputs(old_dir), project_outputs(new_dir)
    slugs = sorted(set(old) | set(new))
    if projects:
        slugs = [s for s in slugs if s in projects]
        for missing in sorted(set(projects) - set(old) - set(new)):
            print(f"diff: no output for {missing} in either run", file=sys.stderr)
    lines = []
    for slug in slugs:
        if slug not in old or slug not in new:
            where = "NEW" if slug in new else "OLD"
            lines.append(f"! {slug}: output only in {where}")
            continue
        old_keys, old_msgs = keyed(slug, load_findings(old[slug]))
        new_keys, new_msgs = keyed(slug, load_findings(new[slug]))
        for sign, this, other, msgs in (
            ("-", old_keys, new_keys, old_msgs),
            ("+", new_keys, old_keys, new_msgs),
        ):
            for key in sorted(this - other, key=lambda k: (k[1], k[2], k[3], k[4])):
                _, path, line, rule, confidence = key
                count = (this - other)[key]
                times = f" (x{count})" if count > 1 else ""
                lines.append(
                    f"{sign} {slug} {path}:{line} {rule} {confidence}{times}: {msgs[key]}"
                )
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--project", action="append", help="limit to a project slug (repeatable)")
    args = parser.parse_args(argv)
    lines = compare(args.old, args.new, args.project)
    for line in lines:
        print(line)
    added = sum(1 for line in lines if line.startswith("+"))
    removed = sum(1 for line in lines if line.startswith("-"))
    print(f"{added} added, {removed} removed", file=sys.stderr)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
