"""Write summary.tsv for one run directory: slug, findings, high, medium, seconds.

Usage: summarize.py OUT SLUG...   (prints the table, a last row "total").
A project whose JSON cannot be read gets "error" in its counts, so a broken
run is visible in the summary instead of reading as zero findings.
"""
import json
import sys
from pathlib import Path

from findings import load_findings


def main(argv):
    out = Path(argv[1])
    rows = ["slug\tfindings\thigh\tmedium\tseconds"]
    totals = [0, 0, 0, 0.0]
    for slug in argv[2:]:
        secs_file = out / f"{slug}.secs"
        secs = float(secs_file.read_text()) if secs_file.exists() else 0.0
        try:
            found = load_findings(out / f"{slug}.json")
        except (OSError, ValueError) as error:
            print(f"summarize: {slug}: {error}", file=sys.stderr)
            rows.append(f"{slug}\terror\terror\terror\t{secs:.1f}")
            continue
        high = sum(1 for f in found if f["confidence"] == "high")
        medium = sum(1 for f in found if f["confidence"] == "medium")
        rows.append(f"{slug}\t{len(found)}\t{high}\t{medium}\t{secs:.1f}")
        for i, value in enumerate((len(found), high, medium, secs)):
            totals[i] += value
    rows.append("total\t%d\t%d\t%d\t%.1f" % tuple(totals))
    print("\n".join(rows))


if __name__ == "__main__":
    main(sys.argv)
