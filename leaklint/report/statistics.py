"""`--statistics`: how many findings each rule reported, most first."""

from __future__ import annotations

from collections import Counter

from leaklint.findings import Finding


def render(findings: list[Finding]) -> str:
    """A `count  code  name` table, one rule a line, and a total."""
    counts = Counter((f.rule, f.name) for f in findings)
    if not counts:
        return "0 findings\n"
    width = len(str(max(counts.values())))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    lines = [f"{count:>{width}}  {code}  {name}" for (code, name), count in rows]
    total = sum(counts.values())
    lines.append(f"{total} {'finding' if total == 1 else 'findings'} in total")
    return "\n".join(lines) + "\n"
