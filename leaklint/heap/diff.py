"""What grew between two snapshots of one process, and who holds it.

V8 keeps an object's snapshot id stable across the snapshots of one process,
so an AFTER node whose id is not in BEFORE was allocated in between and is
still alive. Each such new object's bytes are attributed to its nearest
dominator that already existed in BEFORE (the *holder*): everything that
holder newly keeps alive is exactly what would be freed if its reference to
the new objects went away. A *growing group* is the new objects directly
under one holder with one identity: a closure by its source location, any
other object by its constructor (DevTools' class name). A group's growth is
the bytes its new objects retain, capped by how much the holder's own
retained size grew (dominator trees of both snapshots): a bounded cache that
replaces old entries with new ones holds new objects but does not grow.
Groups rank by that retained-size growth.

The constructor table (count and self size per class, before and after) and
the Node.js-specific lines (listeners per EventEmitter event, Map/Set sizes,
Timeout, IncomingMessage/ServerResponse counts, ArrayBuffer backing stores)
come from both snapshots without dominators.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate

from leaklint.heap.graph import UNREACHABLE, HeapGraph
from leaklint.heap.sources import ClosureLocator, Location, SourceMap

MEMBERS_SAMPLED = 50  # members of a group whose dominated subtrees are inspected
SUBTREE_NODES_SAMPLED = 20_000  # nodes inspected per group, at most
HOLDER_ANCESTORS = 3  # objects above a holder whose variables still name it
COLLECTION_LINES = 10  # Maps/Sets (that existed before) with the most new entries
COUNTED_CLASSES = ("Timeout", "IncomingMessage", "ServerResponse", "Socket", "Promise")
BACKING_STORE_NAMES = ("system / JSArrayBufferData", "system / BackingStore")


@dataclass
class PathStep:
    """One edge of a retainer path: `label (class)`; closures carry their location."""

    edge: str
    node_class: str
    node_name: str
    node_id: int
    location: Location | None = None
    edge_type: str = ""

    def __str__(self) -> str:
        if self.location is not None:
            what = f"closure {self.node_name or '(anonymous)'} {self.location}"
        elif self.node_class == "(closure)":
            what = f"closure {self.node_name or '(anonymous)'}"
        else:
            what = self.node_class
        return f"{self.edge} ({what})"


@dataclass
class RetainerPath:
    top: str  # the root's child the path starts from: global, (GC roots), ...
    steps: list[PathStep]
    top_id: int = 0

    def __str__(self) -> str:
        return " → ".join([self.top, *map(str, self.steps)])

    def context_variables(self) -> list[tuple[str, int]]:
        """(variable name, step index) for each closure-context variable on the path."""
        return [(s.edge, k) for k, s in enumerate(self.steps) if s.edge_type == "context"]


@dataclass
class GrowingGroup:
    kind: str  # "closure" or "object"
    name: str  # closure name or class name
    location: Location | None
    count: int
    retained_bytes: int  # retained-size growth: new bytes, at most what the holder's retained size grew
    new_bytes: int  # bytes of the new objects (a bounded cache replaces old entries: this is not growth)
    holder_growth: int  # retained size of the holder, AFTER minus BEFORE
    holder_id: int
    holder: str  # how the holder is reached: `update (Array)`
    path: RetainerPath | None
    contents: list[tuple[str, int]] = field(default_factory=list)
    closures: list[Location] = field(default_factory=list)  # closures among the new objects
    path_closures: list[Location] = field(default_factory=list)
    variable_files: dict[str, str] = field(default_factory=dict)  # context variable -> file
    status: str = "new"
    match: dict | None = None

    @property
    def title(self) -> str:
        if self.kind == "closure":
            where = f" {self.location}" if self.location else ""
            return f"closure {self.name or '(anonymous)'}{where}"
        return self.name


@dataclass
class ClassRow:
    name: str
    count_before: int
    count_after: int
    size_before: int
    size_after: int


@dataclass
class NodeLine:
    """A Node.js-specific fact: listeners, collection sizes, object counts, external memory."""

    kind: str
    subject: str
    before: int
    after: int
    unit: str

    @property
    def growth(self) -> int:
        return self.after - self.before


@dataclass
class HeapDiff:
    before_path: str
    after_path: str
    before_size: int
    after_size: int
    before_nodes: int
    after_nodes: int
    before_heap: int
    after_heap: int
    new_objects: int
    new_bytes: int
    groups: list[GrowingGroup]
    classes: list[ClassRow]
    node_lines: list[NodeLine]
    findings: list[dict] = field(default_factory=list)
    source_root: str | None = None


def _group_key(graph: HeapGraph, node: int) -> tuple:
    if graph.is_closure(node):
        where = graph.locations.get(node)
        return ("closure", graph.name(node), where)
    return ("object", graph.class_name(node), None)


class _Describer:
    def __init__(self, graph: HeapGraph, locator: ClosureLocator) -> None:
        self.graph = graph
        self.locator = locator

    def path(self, node: int) -> RetainerPath | None:
        graph = self.graph
        edges = graph.retainer_path(node)
        if edges is None:
            return None
        top_node = graph.edge_source[edges[0]] if edges else node
        steps = []
        for edge in edges:
            target = graph.edge_to[edge]
            steps.append(
                PathStep(
                    edge=graph.edge_label(edge),
                    node_class=graph.class_name(target),
                    node_name=graph.name(target),
                    node_id=graph.node_id[target],
                    location=self.locator.locate(target) if graph.is_closure(target) else None,
                    edge_type=graph.edge_type_names[graph.edge_type[edge]],
                )
            )
        return RetainerPath(
            top=graph.name(top_node) or graph.class_name(top_node), steps=steps, top_id=graph.node_id[top_node]
        )

    def context_file(self, context: int) -> str | None:
        """The mapped file of a closure that uses this context (so: where its variables are declared)."""
        graph = self.graph
        for edge in graph.retainer_edges(context):
            source = graph.edge_source[edge]
            if graph.is_closure(source) and graph.edge_label(edge) == "context":
                where = self.locator.locate(source)
                if where is not None and where.mapped:
                    return where.file
        return None


def diff_snapshots(before: HeapGraph, after: HeapGraph, sources: SourceMap, top: int = 10) -> HeapDiff:
    """Compare two snapshots of the same process (BEFORE taken first)."""
    known = set(before.node_id)
    count = after.node_count
    ids = after.node_id
    is_new = bytearray(count)
    for node in range(count):
        if ids[node] not in known:
            is_new[node] = 1
    del known
    self_size = after.self_size
    new_self = array("Q", (self_size[n] if is_new[n] else 0 for n in range(count)))
    new_retained = after.accumulate_over_dominators(new_self)
    del new_self
    preorder, idom = after.dominators()
    locator = ClosureLocator(after, sources)
    describer = _Describer(after, locator)

    buckets: dict[tuple, list[int]] = {}
    total_new = 0
    total_new_objects = 0
    for node in preorder:
        if not is_new[node]:
            continue
        total_new_objects += 1
        holder = idom[node]
        if holder == UNREACHABLE or is_new[holder] or after.is_engine_internal(node):
            continue
        total_new += new_retained[node]
        buckets.setdefault((holder, _group_key(after, node)), []).append(node)

    holder_growth = _holder_growth(before, after, {holder for holder, _ in buckets})

    def growth(item) -> int:
        (holder, _), members = item
        return min(sum(new_retained[n] for n in members), max(holder_growth[holder], 0))

    ranked = sorted(buckets.items(), key=lambda item: (-growth(item), -len(item[1])))[: max(top, 0)]
    children = _dominator_children(after, idom) if ranked else None
    groups = []
    for item in ranked:
        (holder, key), members = item
        members.sort(key=lambda n: -new_retained[n])
        group = GrowingGroup(
            kind=key[0],
            name=key[1],
            location=locator.locate(members[0]) if key[0] == "closure" else None,
            count=len(members),
            retained_bytes=growth(item),
            new_bytes=sum(new_retained[n] for n in members),
            holder_growth=holder_growth[holder],
            holder_id=after.node_id[holder],
            holder="",
            path=describer.path(members[0]),
        )
        _describe_holder(group, after, holder)
        _sample_contents(group, after, members, children, is_new, locator)
        if group.path is not None:
            group.path_closures = [s.location for s in group.path.steps if s.location is not None]
            _context_variables(group, after, describer, members[0])
        groups.append(group)

    return HeapDiff(
        before_path=before.path,
        after_path=after.path,
        before_size=before.file_size,
        after_size=after.file_size,
        before_nodes=before.node_count,
        after_nodes=after.node_count,
        before_heap=sum(before.self_size),
        after_heap=sum(after.self_size),
        new_objects=total_new_objects,
        new_bytes=total_new,
        groups=groups,
        classes=_class_rows(before, after),
        node_lines=_node_lines(before, after, describer),
        source_root=sources.root,
    )


def _holder_growth(before: HeapGraph, after: HeapGraph, holders: set[int]) -> dict[int, int]:
    """AFTER minus BEFORE retained size of each holder (AFTER node ordinals; all existed before)."""
    wanted = {after.node_id[h]: h for h in holders}
    old_retained = before.retained_sizes()
    new_retained = after.retained_sizes()
    out = {h: new_retained[h] for h in holders}
    ids = before.node_id
    for node in range(before.node_count):
        holder = wanted.get(ids[node])
        if holder is not None:
            out[holder] = new_retained[holder] - old_retained[node]
    return out


def _dominator_children(graph: HeapGraph, idom: array) -> tuple[array, array]:
    """The dominator tree as (first child index, children), by counting sort on idom."""
    count = graph.node_count
    counts = array("I", bytes(4 * (count + 1)))
    for node in range(1, count):
        parent = idom[node]
        if parent != UNREACHABLE:
            counts[parent + 1] += 1
    first = array("I", accumulate(counts))
    fill = array("I", first)
    out = array("I", bytes(4 * first[-1]))
    for node in range(1, count):
        parent = idom[node]
        if parent != UNREACHABLE:
            out[fill[parent]] = node
            fill[parent] += 1
    return first, out


def _describe_holder(group: GrowingGroup, graph: HeapGraph, holder: int) -> None:
    holder_id = graph.node_id[holder]
    if group.path is not None:
        for step in group.path.steps:
            if step.node_id == holder_id:
                group.holder = str(step)
                return
    group.holder = graph.name(holder) if graph.node_id[holder] else "(root)"


def _sample_contents(group, graph, members, children, is_new, locator) -> None:
    first, out = children
    classes: Counter = Counter()
    closures: Counter = Counter()
    budget = SUBTREE_NODES_SAMPLED
    for member in members[:MEMBERS_SAMPLED]:
        stack = [member]
        while stack and budget > 0:
            node = stack.pop()
            budget -= 1
            if not is_new[node]:
                continue
            if graph.is_closure(node):
                where = locator.locate(node)
                if where is not None:
                    closures[where] += 1
            if node != member:
                classes[graph.class_name(node)] += 1
            stack.extend(out[first[node] : first[node + 1]])
    group.contents = classes.most_common(4)
    group.closures = [where for where, _ in closures.most_common(20)]


def _context_variables(group, graph, describer, member) -> None:
    """Closure-context variables that reference the holder or the few objects above it.

    The shortest path may reach a long-lived object through some other owner
    (a timer, a socket), so besides the context variables on the path, the
    variables that point straight at the holder or at one of the
    HOLDER_ANCESTORS objects above it on the path count too: those are the
    bindings a static finding names (`const reportCache = new Map()`,
    `rates.on(...)`).
    """
    edges = graph.retainer_path(member) or []
    targets = [graph.edge_to[e] for e in edges]
    holder_at = next((k for k, t in enumerate(targets) if graph.node_id[t] == group.holder_id), len(targets) - 1)
    watched = set(targets[max(0, holder_at - HOLDER_ANCESTORS) : holder_at + 1])
    context_kind = graph._types.get("context", -1)
    for edge in edges:
        if graph.edge_type[edge] == context_kind:
            _note_variable(group, graph, describer, edge)
    for node in watched:
        for edge in graph.retainer_edges(node):
            if graph.edge_type[edge] == context_kind:
                _note_variable(group, graph, describer, edge)


def _note_variable(group, graph, describer, edge) -> None:
    name = graph.edge_label(edge)
    if name in group.variable_files:
        return
    where = describer.context_file(graph.edge_source[edge])
    if where is not None:
        group.variable_files[name] = where


def _class_totals(graph: HeapGraph) -> dict[str, list[int]]:
    totals: dict[int, list[int]] = {}
    node_type, node_name, self_size = graph.node_type, graph.node_name, graph.self_size
    for node in range(graph.node_count):
        key = (node_type[node], node_name[node]) if graph.node_type_names[node_type[node]] in ("object", "native", "synthetic") else (node_type[node], -1)
        entry = totals.get(key)
        if entry is None:
            totals[key] = [1, self_size[node]]
        else:
            entry[0] += 1
            entry[1] += self_size[node]
    named: dict[str, list[int]] = {}
    for (kind, name), (number, size) in totals.items():
        label = graph.strings[name] if name >= 0 else graph.class_name(_first_of_type(graph, kind))
        entry = named.setdefault(label, [0, 0])
        entry[0] += number
        entry[1] += size
    return named


def _first_of_type(graph: HeapGraph, kind: int) -> int:
    for node in range(graph.node_count):
        if graph.node_type[node] == kind:
            return node
    return 0


def _class_rows(before: HeapGraph, after: HeapGraph) -> list[ClassRow]:
    old, new = _class_totals(before), _class_totals(after)
    rows = []
    for name in set(old) | set(new):
        b, a = old.get(name, [0, 0]), new.get(name, [0, 0])
        rows.append(ClassRow(name, b[0], a[0], b[1], a[1]))
    rows.sort(key=lambda r: (-(r.size_after - r.size_before), r.name))
    return rows


def _listener_counts(graph: HeapGraph) -> dict[int, tuple[int, dict[str, int]]]:
    """EventEmitter-like objects (with an `_events` object) → (node, listeners per event)."""
    out = {}
    strings = graph.strings
    for node in range(graph.node_count):
        if graph.node_type[node] != graph.object_type:
            continue
        events = None
        for edge in graph.edges(node):
            if graph.named_edge[graph.edge_type[edge]] and strings[graph.edge_name[edge]] == "_events":
                events = graph.edge_to[edge]
                break
        if events is None or graph.node_type[events] != graph.object_type:
            continue
        per_event = {}
        for edge in graph.edges(events):
            if graph.edge_type_names[graph.edge_type[edge]] != "property":
                continue
            target = graph.edge_to[edge]
            event = graph.edge_label(edge)
            if event == "__proto__":
                continue
            if graph.is_closure(target):
                per_event[event] = 1
            elif graph.class_name(target) == "Array":
                per_event[event] = sum(
                    1 for e in graph.edges(target)
                    if graph.edge_type[e] == graph.element and graph.is_closure(graph.edge_to[e])
                )
        if per_event:
            out[graph.node_id[node]] = (node, per_event)
    return out


def _collection_sizes(graph: HeapGraph) -> dict[int, tuple[int, str, int]]:
    """Map/Set objects → (node, class, entries in their hash table)."""
    out = {}
    for node in range(graph.node_count):
        if graph.node_type[node] != graph.object_type:
            continue
        kind = graph.name(node)
        if kind not in ("Map", "Set"):
            continue
        table = graph.child(node, "table")
        if table is None:
            continue
        values = sum(1 for e in graph.edges(table) if graph.edge_type_names[graph.edge_type[e]] in ("internal", "element"))
        out[graph.node_id[node]] = (node, kind, values // (2 if kind == "Map" else 1))
    return out


def _name_of(describer: _Describer, node: int) -> str:
    path = describer.path(node)
    if path is None or not path.steps:
        return describer.graph.class_name(node)
    return path.steps[-1].edge


def _node_lines(before: HeapGraph, after: HeapGraph, describer: _Describer) -> list[NodeLine]:
    lines: list[NodeLine] = []
    old = _listener_counts(before)
    for emitter_id, (node, per_event) in _listener_counts(after).items():
        previous = old.get(emitter_id, (None, {}))[1]
        for event, listeners in per_event.items():
            was = previous.get(event, 0)
            if listeners > was and listeners > 1:
                subject = f"{_name_of(describer, node)} ({after.class_name(node)}) _events.{event}"
                lines.append(NodeLine("listeners", subject, was, listeners, "listeners"))
    old_collections = _collection_sizes(before)
    grown = []
    for collection_id, (node, kind, entries) in _collection_sizes(after).items():
        if collection_id not in old_collections:
            continue  # a collection created in between is part of some growing group, not a line of its own
        was = old_collections[collection_id][2]
        if entries - was >= 10:
            grown.append((entries - was, node, kind, was, entries))
    grown.sort(key=lambda item: -item[0])
    for _, node, kind, was, entries in grown[:COLLECTION_LINES]:
        lines.append(NodeLine("collection", f"{_name_of(describer, node)} ({kind})", was, entries, "entries"))
    old_classes, new_classes = Counter(), Counter()
    for graph, counter in ((before, old_classes), (after, new_classes)):
        for node in range(graph.node_count):
            if graph.node_type[node] == graph.object_type:
                name = graph.name(node)
                if name in COUNTED_CLASSES:
                    counter[name] += 1
    for name in COUNTED_CLASSES:
        if old_classes[name] or new_classes[name]:
            lines.append(NodeLine("count", name, old_classes[name], new_classes[name], "objects"))
    stores = []
    for graph in (before, after):
        total = 0
        for node in range(graph.node_count):
            if graph.node_type[node] == graph.native_type and graph.name(node) in BACKING_STORE_NAMES:
                total += graph.self_size[node]
        stores.append(total)
    lines.append(NodeLine("external", "ArrayBuffer backing stores (external)", stores[0], stores[1], "bytes"))
    lines.sort(key=lambda line: -line.growth if line.kind != "external" else 0)
    return lines
