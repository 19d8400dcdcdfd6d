"""Text and JSON renderings of a heap diff."""

from __future__ import annotations

import json
import os

from leaklint.heap.diff import GrowingGroup, HeapDiff

CLASS_ROWS_SHOWN = 8


def human_bytes(count: int) -> str:
    sign = "-" if count < 0 else ""
    value = float(abs(count))
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{sign}{value:.0f} {unit}" if unit == "B" else f"{sign}{value:.1f} {unit}"
        value /= 1024
    return f"{count} B"


def _signed(count: int) -> str:
    return f"+{count:,}" if count >= 0 else f"{count:,}"


def _status(group: GrowingGroup) -> str:
    if group.match is not None:
        return f"confirmed: {group.match['rule']} at {group.match['path']}:{group.match['line']}"
    return "new: no static finding; follow the retainer path"


def render_text(diff: HeapDiff, min_growth: int) -> str:
    out = [
        f"leaklint heap: {os.path.basename(diff.before_path)} → {os.path.basename(diff.after_path)}",
        f"  heap {human_bytes(diff.before_heap)} → {human_bytes(diff.after_heap)} "
        f"({diff.before_nodes:,} → {diff.after_nodes:,} objects); "
        f"{diff.new_objects:,} objects allocated in between are still alive, {human_bytes(diff.new_bytes)} of them held by older objects",
        "",
    ]
    growing = [g for g in diff.groups if g.retained_bytes >= min_growth]
    if growing:
        out.append("Growing groups (new objects by what holds them, largest retained growth first):")
        for rank, group in enumerate(growing, 1):
            out.append(
                f"  {rank}. {group.title}: +{group.count:,} retaining +{human_bytes(group.retained_bytes)}  "
                f"[{_status(group)}]"
            )
            out.append(f"     held by {group.holder}")
            if group.path is not None:
                out.append(f"     retainer path: {group.path}")
            if group.contents:
                out.append("     keeps: " + ", ".join(f"{n:,} {name}" for name, n in group.contents))
            mapped = [str(c) for c in group.closures if c.mapped]
            if mapped and group.kind != "closure":
                out.append("     closures among them: " + ", ".join(mapped[:5]))
    else:
        out.append(f"No group grew by {human_bytes(min_growth)} or more.")
    out.append("")
    out.append("Node.js objects:")
    for line in diff.node_lines:
        if line.unit == "bytes":
            change = f"{human_bytes(line.before)} → {human_bytes(line.after)} ({'+' if line.growth >= 0 else ''}{human_bytes(line.growth)})"
        else:
            change = f"{line.before:,} → {line.after:,} {line.unit} ({_signed(line.growth)})"
        out.append(f"  {line.kind}: {line.subject}: {change}")
    grew = [r for r in diff.classes if r.count_after > r.count_before and r.size_after > r.size_before]
    if grew:
        out.append("")
        out.append("Constructors that grew (count, self size):")
        for row in grew[:CLASS_ROWS_SHOWN]:
            out.append(
                f"  {row.name}: {row.count_before:,} → {row.count_after:,} ({_signed(row.count_after - row.count_before)}), "
                f"+{human_bytes(row.size_after - row.size_before)}"
            )
    if diff.source_root is not None:
        out.append("")
        if diff.findings:
            out.append("Static findings:")
            for entry in diff.findings:
                note = {
                    "confirmed": f"confirmed by group {entry.get('group')} ({entry.get('match')} match)",
                    "exercised": "exercised, did not grow",
                    "not seen": "no runtime evidence in these snapshots",
                }[entry["status"]]
                out.append(f"  {entry['rule']} at {entry['path']}:{entry['line']}: {note}")
        else:
            out.append("Static findings: none under the source root.")
    return "\n".join(out) + "\n"


def _location(loc) -> dict | None:
    if loc is None:
        return None
    return {"file": loc.file, "line": loc.line, "column": loc.column, "mapped": loc.mapped}


def to_dict(diff: HeapDiff, min_growth: int) -> dict:
    groups = []
    for rank, group in enumerate(diff.groups, 1):
        groups.append(
            {
                "rank": rank,
                "kind": group.kind,
                "name": group.name,
                "location": _location(group.location),
                "count": group.count,
                "retained_bytes": group.retained_bytes,
                "growing": group.retained_bytes >= min_growth,
                "holder": group.holder,
                "holder_id": group.holder_id,
                "retainer_path": str(group.path) if group.path else None,
                "path": [
                    {"edge": s.edge, "edge_type": s.edge_type, "class": s.node_class, "name": s.node_name,
                     "id": s.node_id, "location": _location(s.location)}
                    for s in (group.path.steps if group.path else [])
                ],
                "path_top": group.path.top if group.path else None,
                "path_top_id": group.path.top_id if group.path else None,
                "contents": [{"class": name, "count": n} for name, n in group.contents],
                "closures": [_location(c) for c in group.closures],
                "holder_variables": group.variable_files,
                "status": group.status,
                "finding": group.match,
            }
        )
    return {
        "before": {"path": diff.before_path, "file_bytes": diff.before_size, "objects": diff.before_nodes,
                   "heap_bytes": diff.before_heap},
        "after": {"path": diff.after_path, "file_bytes": diff.after_size, "objects": diff.after_nodes,
                  "heap_bytes": diff.after_heap},
        "new_objects": diff.new_objects,
        "new_bytes_held": diff.new_bytes,
        "min_growth_bytes": min_growth,
        "groups": groups,
        "node": [
            {"kind": l.kind, "subject": l.subject, "before": l.before, "after": l.after, "growth": l.growth,
             "unit": l.unit}
            for l in diff.node_lines
        ],
        "classes": [
            {"name": r.name, "count_before": r.count_before, "count_after": r.count_after,
             "self_bytes_before": r.size_before, "self_bytes_after": r.size_after}
            for r in diff.classes[:50]
        ],
        "source_root": diff.source_root,
        "findings": diff.findings,
    }


def render_json(diff: HeapDiff, min_growth: int) -> str:
    return json.dumps(to_dict(diff, min_growth), indent=2) + "\n"


def render_sarif(diff: HeapDiff, findings: list, min_growth: int) -> str:
    """The static findings as SARIF, each result's `properties.runtime` saying what the snapshots showed.

    ``findings`` are the StaticFinding objects ``cross_reference`` marked, in
    the order of ``diff.findings``; a confirmed one also names the group that
    grew (rank, retained bytes, retainer path).
    """
    from leaklint.report.sarif import log_object

    log = log_object([item.finding for item in findings], [], category="leaklint-heap", root=diff.source_root)
    groups = {rank: group for rank, group in enumerate(diff.groups, 1)}
    for result, entry in zip(log["runs"][0]["results"], diff.findings):
        runtime = {"status": entry["status"]}
        group = groups.get(entry.get("group"))
        if group is not None:
            runtime.update(
                group=entry["group"],
                match=entry["match"],
                retainedGrowthBytes=group.retained_bytes,
                growing=group.retained_bytes >= min_growth,
                retainerPath=str(group.path) if group.path else None,
            )
        result.setdefault("properties", {})["runtime"] = runtime
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
