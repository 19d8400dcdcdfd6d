"""Build small V8-format heap snapshots by hand, for the reader and graph tests."""

from __future__ import annotations

import json

NODE_FIELDS = ["type", "name", "id", "self_size", "edge_count", "trace_node_id", "detachedness"]
NODE_TYPES = ["hidden", "array", "string", "object", "code", "closure", "regexp", "number", "native",
              "synthetic", "concatenated string", "sliced string", "symbol", "bigint", "object shape"]
EDGE_FIELDS = ["type", "name_or_index", "to_node"]
EDGE_TYPES = ["context", "element", "property", "internal", "hidden", "shortcut", "weak"]


def snapshot_text(nodes, edges, locations=()) -> str:
    """nodes: [(type, name, id, self_size)]; edges: [(from, type, name_or_index, to)] by node ordinal.

    Node 0 must be the synthetic root. Names (and named edges' names) go
    into the strings table; element/hidden edges keep their numeric index.
    """
    strings: list[str] = []

    def intern(text: str) -> int:
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    width = len(NODE_FIELDS)
    out_edges = {k: [] for k in range(len(nodes))}
    for source, kind, name, target in edges:
        out_edges[source].append((kind, name, target))
    flat_nodes, flat_edges = [], []
    for ordinal, (kind, name, node_id, size) in enumerate(nodes):
        flat_nodes += [NODE_TYPES.index(kind), intern(name), node_id, size, len(out_edges[ordinal]), 0, 0]
        for edge_kind, edge_name, target in out_edges[ordinal]:
            label = edge_name if edge_kind in ("element", "hidden") else intern(edge_name)
            flat_edges += [EDGE_TYPES.index(edge_kind), label, target * width]
    flat_locations = []
    for ordinal, script, line, column in locations:
        flat_locations += [ordinal * width, script, line, column]
    meta = {
        "node_fields": NODE_FIELDS,
        "node_types": [NODE_TYPES, "string", "number", "number", "number", "number", "number"],
        "edge_fields": EDGE_FIELDS,
        "edge_types": [EDGE_TYPES, "string_or_number", "node"],
        "location_fields": ["object_index", "script_id", "line", "column"],
    }
    header = {"meta": meta, "node_count": len(nodes), "edge_count": len(flat_edges) // 3, "trace_function_count": 0}
    # Laid out the way V8 writes it: one node per line, the strings last.
    node_lines = ",\n".join(",".join(map(str, flat_nodes[k : k + width])) for k in range(0, len(flat_nodes), width))
    return (
        '{"snapshot":' + json.dumps(header) + ',\n"nodes":[' + node_lines + '],\n"edges":['
        + ",".join(map(str, flat_edges)) + '],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n'
        + '"locations":[' + ",".join(map(str, flat_locations)) + '],\n"strings":' + json.dumps(strings) + "}"
    )
