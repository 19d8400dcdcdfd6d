"""Loops: whether a node runs once per iteration of a loop in its own function.

Built from the "for" and "while" captures (for, for-in, for-of, for await,
while, do): each loop's body is a byte range, and a node is repeated by the
innermost body that contains it unless a function boundary lies in between.
Callbacks of `forEach`/`map` count as loop bodies too.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import CallSite
from leaklint.model.scopes import Function
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

ITERATION_METHODS = frozenset({"forEach", "map", "flatMap", "reduce"})


@dataclass(frozen=True)
class Loop:
    """A loop statement and the body it repeats."""

    node: Node
    body: Node
    kind: str  # for | for-in | for-of | for-await | while | do

    @property
    def is_async_iteration(self) -> bool:
        """`for await (… of …)`: the body runs once per item an async source yields."""
        return self.kind == "for-await"

    @property
    def iterable(self) -> Node | None:
        """What a for-in/for-of loop iterates over."""
        return self.node.child_by_field_name("right") if self.node.type == "for_in_statement" else None

    @property
    def label(self) -> str:
        """How messages name the loop: "a `for await` loop", "a for-of loop", "a while loop"."""
        if self.kind == "for-await":
            return "a `for await` loop"
        return f"a {self.kind} loop"


class LoopIndex:
    """Every loop in a file, ordered by where its body starts."""

    def __init__(self, model: FileModel) -> None:
        self.model = model
        loops = []
        for node in (*model.nodes("for"), *model.nodes("while")):
            body = node.child_by_field_name("body")
            if body is not None:
                loops.append(Loop(node, body, _loop_kind(node)))
        loops.sort(key=lambda loop: loop.body.start_byte)
        self.loops = loops
        self._starts = [loop.body.start_byte for loop in loops]

    def loop_around(self, node: Node) -> Loop | None:
        """The innermost loop whose body contains the node, within the node's own function."""
        byte = node.start_byte
        index = bisect.bisect_right(self._starts, byte) - 1
        function = self.model.function_at(node)
        floor = function.node.start_byte if function is not None else -1
        while index >= 0:
            loop = self.loops[index]
            if loop.body.start_byte < floor:
                return None  # this loop and every earlier one lie outside the function
            if loop.node.start_byte >= floor and byte < loop.body.end_byte:
                return loop
            index -= 1
        return None


def loop_index(model: FileModel) -> LoopIndex:
    """Build (once per file, through ``model.fact``) the loop index."""
    return LoopIndex(model)


def iteration_call(model: FileModel, function: Function | None) -> CallSite | None:
    """The `items.forEach(fn)` / `items.map(fn)` call a function is the callback of, if any."""
    if function is None or not function.context or function.context[0] != "argument" or function.context[2] != 0:
        return None
    site = model.call_site(function.context[1])
    if site.method in ITERATION_METHODS and not site.is_new:
        return site
    return None


def _loop_kind(node: Node) -> str:
    if node.type == "while_statement":
        return "while"
    if node.type == "do_statement":
        return "do"
    if node.type == "for_statement":
        return "for"
    if any(child.type == "await" for child in node.children):
        return "for-await"
    operator = node.child_by_field_name("operator")
    return "for-of" if operator is not None and syntax.text(operator) == "of" else "for-in"
