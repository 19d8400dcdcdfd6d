"""The node graph of one snapshot: typed columns, retainers, dominators, distances, paths.

Node and edge fields are split out of V8's interleaved arrays into one compact
array per field. Edges point at node *ordinals* (V8 stores node-array
offsets). Retained sizes come from the dominator tree (Lengauer–Tarjan semidominators
with the SEMI-NCA final step) over the graph without weak edges, taking shortcut edges only from
the synthetic root (as Chrome DevTools does). Distances are breadth-first from
the user roots first (the global object), then from the synthetic root, again
skipping weak edges; retainer paths walk back from an object through the
retainer with the smallest distance, preferring retainers that are not V8
internals.
"""

from __future__ import annotations

from array import array
from collections import deque
from itertools import accumulate, chain, repeat

from leaklint.heap.reader import RawSnapshot, SnapshotError

NO_DISTANCE = 0xFFFFFFFF
SYSTEM_DISTANCE = 100_000_000  # objects reached only from V8/Node internals sort after user roots
UNFILTERED_DISTANCE = 200_000_000  # reached only through internal objects
UNREACHABLE = 0xFFFFFFFF

# DevTools' class names for node types whose V8 "name" is not a constructor.
TYPE_CLASS_NAMES = {
    "hidden": "(system)",
    "array": "(array)",
    "string": "(string)",
    "concatenated string": "(concatenated string)",
    "sliced string": "(sliced string)",
    "code": "(compiled code)",
    "closure": "(closure)",
    "regexp": "(regexp)",
    "number": "(number)",
    "symbol": "(symbol)",
    "bigint": "(bigint)",
    "object shape": "(object shape)",
}
# Node types that are engine internals: retainer paths avoid going through them.
NOISE_TYPES = ("hidden", "code", "object shape")


def _column(values: array, offset: int, width: int) -> array:
    column = values[offset::width]
    return column if column.typecode == "I" else array("Q", column)


class HeapGraph:
    """One snapshot as a graph, with on-demand dominators, retained sizes and distances."""

    def __init__(self, raw: RawSnapshot) -> None:
        meta = raw.meta
        self.path = raw.path
        self.file_size = raw.file_size
        self.strings = raw.strings
        node_fields = meta["node_fields"]
        edge_fields = meta["edge_fields"]
        try:
            self.node_type_names: list[str] = list(meta["node_types"][node_fields.index("type")])
            self.edge_type_names: list[str] = list(meta["edge_types"][edge_fields.index("type")])
            width = len(node_fields)
            self.node_type = _column(raw.nodes, node_fields.index("type"), width)
            self.node_name = _column(raw.nodes, node_fields.index("name"), width)
            self.node_id = _column(raw.nodes, node_fields.index("id"), width)
            self.self_size = _column(raw.nodes, node_fields.index("self_size"), width)
            edge_counts = raw.nodes[node_fields.index("edge_count") :: width]
            ewidth = len(edge_fields)
            self.edge_type = raw.edges[edge_fields.index("type") :: ewidth]
            self.edge_name = raw.edges[edge_fields.index("name_or_index") :: ewidth]
            to_offsets = raw.edges[edge_fields.index("to_node") :: ewidth]
        except (ValueError, IndexError, TypeError) as exc:
            raise SnapshotError(f"{raw.path}: meta lacks a field this reader needs ({exc})") from None
        self.node_count = raw.node_count
        self.edge_count = raw.edge_count
        if any(offset % width for offset in to_offsets[:1000]):
            raise SnapshotError(f"{raw.path}: edges do not point at node boundaries")
        # A generator, not a list: a list of ints would cost ~36 bytes an edge at the peak.
        self.edge_to = array("I", (offset // width for offset in to_offsets))
        del to_offsets
        if self.edge_to and max(self.edge_to) >= self.node_count:
            raise SnapshotError(f"{raw.path}: an edge points past the last node (truncated?)")
        self.first_edge = array("I", [0])
        self.first_edge.extend(accumulate(edge_counts))
        if self.first_edge[-1] != self.edge_count:
            raise SnapshotError(f"{raw.path}: node edge counts do not add up to the edges array")
        self.edge_source = array("I", chain.from_iterable(repeat(i, c) for i, c in enumerate(edge_counts)))
        del edge_counts
        raw.nodes = raw.edges = array("I")  # the columns above are all that is kept
        if len(raw.strings) <= max(self.node_name, default=0):
            raise SnapshotError(f"{raw.path}: a node names a string that is not in 'strings'")
        self._types = {name: index for index, name in enumerate(self.edge_type_names)}
        self.weak = self._types.get("weak", -1)
        self.shortcut = self._types.get("shortcut", -1)
        self.hidden_edge = self._types.get("hidden", -1)
        self.element = self._types.get("element", -1)
        self.named_edge = tuple(
            self._types.get(kind, -1) not in (self.element, self.hidden_edge) for kind in self.edge_type_names
        )
        ntypes = {name: index for index, name in enumerate(self.node_type_names)}
        self.closure_type = ntypes.get("closure", -1)
        self.noise_types = frozenset(ntypes[name] for name in NOISE_TYPES if name in ntypes)
        self.synthetic_type = ntypes.get("synthetic", -1)
        self.native_type = ntypes.get("native", -1)
        self.object_type = ntypes.get("object", -1)
        self.locations = self._locations(raw)
        self._retainers: tuple[array, array] | None = None
        self._dominators: tuple[array, array] | None = None
        self._retained: array | None = None
        self._distances: array | None = None

    # -- names ---------------------------------------------------------------

    def _locations(self, raw: RawSnapshot) -> dict[int, tuple[int, int, int]]:
        fields = raw.meta.get("location_fields") or ["object_index", "script_id", "line", "column"]
        width = len(fields)
        node_width = len(raw.meta["node_fields"])
        try:
            obj, script, line, col = (fields.index(k) for k in ("object_index", "script_id", "line", "column"))
        except ValueError:
            return {}
        values = raw.locations
        return {
            values[k + obj] // node_width: (values[k + script], values[k + line], values[k + col])
            for k in range(0, len(values) - width + 1, width)
        }

    def type_name(self, node: int) -> str:
        return self.node_type_names[self.node_type[node]]

    def name(self, node: int) -> str:
        return self.strings[self.node_name[node]]

    def class_name(self, node: int) -> str:
        """The constructor-like name DevTools groups a node under."""
        kind = self.type_name(node)
        if kind in ("object", "native", "synthetic"):
            return self.name(node)
        return TYPE_CLASS_NAMES.get(kind, f"({kind})")

    def is_closure(self, node: int) -> bool:
        return self.node_type[node] == self.closure_type

    def is_noise(self, node: int) -> bool:
        """An engine-internal node: (system), (compiled code), feedback cells, maps."""
        if self.node_type[node] in self.noise_types:
            return True
        return self.strings[self.node_name[node]].startswith("system / Map")

    def is_engine_internal(self, node: int) -> bool:
        """Not application data: V8 internals and Node's synthetic roots (ids not stable)."""
        return self.is_noise(node) or self.node_type[node] == self.synthetic_type

    def edge_label(self, edge: int) -> str:
        """An edge's name as DevTools prints it: a property name or `[index]`."""
        index = self.edge_name[edge]
        if self.named_edge[self.edge_type[edge]]:
            return self.strings[index] if index < len(self.strings) else str(index)
        return f"[{index}]"

    def edges(self, node: int) -> range:
        return range(self.first_edge[node], self.first_edge[node + 1])

    def child(self, node: int, label: str) -> int | None:
        """The node an edge named `label` of `node` points to."""
        for edge in self.edges(node):
            if self.named_edge[self.edge_type[edge]] and self.edge_label(edge) == label:
                return self.edge_to[edge]
        return None

    # -- retainers -------------------------------------------------------------

    def retainers(self) -> tuple[array, array]:
        """(first_retainer, retainer_edges): the edges into each node, in edge order."""
        if self._retainers is None:
            counts = array("I", bytes(4 * (self.node_count + 1)))
            for target in self.edge_to:
                counts[target + 1] += 1
            first = array("I", accumulate(counts))
            fill = array("I", first)
            into = array("I", bytes(4 * self.edge_count))
            edge_to = self.edge_to
            for edge in range(self.edge_count):
                target = edge_to[edge]
                into[fill[target]] = edge
                fill[target] += 1
            self._retainers = (first, into)
        return self._retainers

    def retainer_edges(self, node: int):
        first, into = self.retainers()
        return into[first[node] : first[node + 1]]

    # -- dominators --------------------------------------------------------------

    def dominators(self) -> tuple[array, array]:
        """(preorder, idom): DFS preorder from the root and each node's immediate dominator.

        Lengauer–Tarjan semidominators (link/eval with path compression), then
        the SEMI-NCA step (Georgiadis) that turns them into immediate
        dominators by one walk up the DFS tree. Nodes that the root cannot
        reach without weak edges have idom UNREACHABLE.
        """
        if self._dominators is not None:
            return self._dominators
        none = UNREACHABLE
        count = self.node_count
        first_edge, edge_to, edge_type = self.first_edge, self.edge_to, self.edge_type
        weak, shortcut = self.weak, self.shortcut
        number = array("I", [none]) * count  # preorder number of each node
        vertex = array("I", [0])  # node of each preorder number
        parent = array("I", [0])  # DFS parent, as a preorder number
        number[0] = 0
        stack_nodes = [0]
        stack_edges = [first_edge[0]]
        while stack_nodes:
            node = stack_nodes[-1]
            edge = stack_edges[-1]
            end = first_edge[node + 1]
            while edge < end:
                kind = edge_type[edge]
                if kind != weak and (kind != shortcut or node == 0) and number[edge_to[edge]] == none:
                    break
                edge += 1
            if edge < end:
                stack_edges[-1] = edge + 1
                target = edge_to[edge]
                number[target] = len(vertex)
                parent.append(number[node])
                vertex.append(target)
                stack_nodes.append(target)
                stack_edges.append(first_edge[target])
            else:
                stack_nodes.pop()
                stack_edges.pop()
        reached = len(vertex)
        first_retainer, retainer_edges = self.retainers()
        edge_source = self.edge_source
        semi = array("I", range(reached))
        label = array("I", range(reached))
        ancestor = array("I", [none]) * reached
        for w in range(reached - 1, 0, -1):
            node = vertex[w]
            best = semi[w]
            for k in range(first_retainer[node], first_retainer[node + 1]):
                edge = retainer_edges[k]
                kind = edge_type[edge]
                source = edge_source[edge]
                if kind == weak or (kind == shortcut and source != 0):
                    continue
                v = number[source]
                if v == none:
                    continue
                if ancestor[v] == none:
                    candidate = semi[v]
                else:
                    path = []
                    x = v
                    while ancestor[ancestor[x]] != none:
                        path.append(x)
                        x = ancestor[x]
                    for x in reversed(path):
                        up = ancestor[x]
                        if semi[label[up]] < semi[label[x]]:
                            label[x] = label[up]
                        ancestor[x] = ancestor[up]
                    candidate = semi[label[v]]
                if candidate < best:
                    best = candidate
            semi[w] = best
            ancestor[w] = parent[w]
        del label, ancestor
        idom = array("I", [0]) * reached
        for w in range(1, reached):
            x = parent[w]
            limit = semi[w]
            while x > limit:
                x = idom[x]
            idom[w] = x
        node_idom = array("I", [none]) * count
        for w in range(reached):
            node_idom[vertex[w]] = vertex[idom[w]]
        self._dominators = (vertex, node_idom)
        return self._dominators

    def retained_sizes(self) -> array:
        """Each node's retained size: its own size plus all it dominates (0 if unreachable)."""
        if self._retained is None:
            self._retained = self.accumulate_over_dominators(self.self_size)
        return self._retained

    def accumulate_over_dominators(self, values) -> array:
        """Sum `values` (one per node) over each node's dominator subtree."""
        preorder, idom = self.dominators()
        total = array("Q", bytes(8 * self.node_count))
        for node in preorder:
            total[node] = values[node]
        # A dominator comes before everything it dominates in DFS preorder.
        for k in range(len(preorder) - 1, 0, -1):
            node = preorder[k]
            total[idom[node]] += total[node]
        return total

    # -- distances and paths ---------------------------------------------------------

    def user_roots(self) -> list[int]:
        """The root's non-synthetic children: the global object(s), as DevTools counts them."""
        return [
            self.edge_to[e]
            for e in self.edges(0)
            if self.node_type[self.edge_to[e]] != self.synthetic_type
        ]

    def distances(self) -> array:
        """Breadth-first distance of each node, user roots first (DevTools' order)."""
        if self._distances is not None:
            return self._distances
        count = self.node_count
        dist = array("I", [NO_DISTANCE]) * count
        first_edge, edge_to, edge_type = self.first_edge, self.edge_to, self.edge_type
        weak, hidden = self.weak, self.hidden_edge
        noise = bytearray(count)
        noise_types = self.noise_types
        node_type = self.node_type
        names, strings = self.node_name, self.strings
        for node in range(count):
            if node_type[node] in noise_types or strings[names[node]].startswith("system / Map"):
                noise[node] = 1
        held_back: list[int] = []

        def bfs(queue: deque, filtered: bool) -> None:
            while queue:
                node = queue.popleft()
                if filtered and noise[node]:
                    held_back.append(node)
                    continue
                next_distance = dist[node] + 1
                for edge in range(first_edge[node], first_edge[node + 1]):
                    kind = edge_type[edge]
                    if kind == weak or (filtered and kind == hidden):
                        continue
                    target = edge_to[edge]
                    if dist[target] == NO_DISTANCE:
                        dist[target] = next_distance
                        queue.append(target)

        users = self.user_roots()
        for node in users:
            dist[node] = 1
        bfs(deque(users), True)
        dist[0] = SYSTEM_DISTANCE if users else 0
        bfs(deque([0]), True)
        # What only internals reach: expand the held-back internal nodes without the filter.
        seeds = deque()
        for node in held_back:
            seeds.append(node)
        while seeds:
            node = seeds.popleft()
            base = max(dist[node], UNFILTERED_DISTANCE) + 1
            for edge in range(first_edge[node], first_edge[node + 1]):
                if edge_type[edge] == weak:
                    continue
                target = edge_to[edge]
                if dist[target] == NO_DISTANCE:
                    dist[target] = base
                    seeds.append(target)
        self._distances = dist
        return dist

    def retainer_path(self, node: int, limit: int = 40) -> list[int] | None:
        """Edges from a root's child down to `node`, following the closest retainers.

        Returns the list of edge indices (first edge leaves a child of the
        synthetic root), or None if the node is unreachable.
        """
        dist = self.distances()
        if dist[node] == NO_DISTANCE:
            return None
        edge_source, edge_type, weak = self.edge_source, self.edge_type, self.weak
        path: list[int] = []
        current = node
        while current != 0 and dist[current] not in (1, SYSTEM_DISTANCE) and len(path) < limit:
            best = None
            best_key = None
            for edge in self.retainer_edges(current):
                if edge_type[edge] == weak:
                    continue
                source = edge_source[edge]
                if dist[source] >= dist[current]:
                    continue
                key = (self.is_noise(source) or edge_type[edge] == self.hidden_edge, dist[source], edge)
                if best_key is None or key < best_key:
                    best, best_key = edge, key
            if best is None:
                break
            path.append(best)
            current = edge_source[best]
            if current == 0:
                path.pop()
                break
        path.reverse()
        return path
