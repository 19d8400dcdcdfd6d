"""Calls that pass each element of a Set once: `for (const x of new Set(items)) this.start(x)`.

A Set holds each value at most once, so a for-of loop over one hands the loop
variable a different element on every round; a call that passes that variable
itself (never reassigned in the loop) passes each element once per run of the
loop. The project link uses this to follow "at most once per instance" through a
helper that starts the instances it is given (`startExtension(e) { e.start() }`):
per run of the loop, no element is started twice.

Only what the code states is a Set counts: a `new Set(…)` iterated directly
(also spread into an array, `[...new Set(x)]`), or a `this.f` whose every
assignment in the class is `new Set(…)`. An array, a Map's values or any other
iterable may hold one instance twice and is not such a loop. A loop inside
another loop of the same function runs once per outer round, so its elements
repeat: left out too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.loops import loop_index
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel


def distinct_item_argument(model: FileModel, call: Node) -> int:
    """The index of the argument that is the loop variable of a for-of over a Set around the call, else -1."""
    loops = model.fact("loops", loop_index)
    loop = loops.loop_around(call)
    if loop is None or loop.kind != "for-of" or loops.loop_around(loop.node) is not None:
        return -1
    if not _is_set(model, syntax.unwrap(loop.iterable)):
        return -1
    left = loop.node.child_by_field_name("left")
    if left is None or left.type != "identifier":
        return -1
    binding = model.resolve(left)
    if binding is None or binding.writes:
        return -1  # `for (x of …)` over an outer variable, or one reassigned in the body
    arguments = call.child_by_field_name("arguments")
    if arguments is None or arguments.type != "arguments":
        return -1
    for index, argument in enumerate(arguments.named_children):
        if argument.type == "spread_element":
            return -1  # positions after a spread are unknown
        if argument.type == "identifier" and model.resolve(argument) is binding:
            return index
    return -1


def _is_set(model: FileModel, iterable: Node | None) -> bool:
    """`new Set(…)`, `[...new Set(…)]`, or `this.f` that the class only ever sets to `new Set(…)`."""
    if iterable is None:
        return False
    if iterable.type == "array" and len(iterable.named_children) == 1:
        spread = iterable.named_children[0]
        return spread.type == "spread_element" and bool(spread.named_children) and _is_new_set(
            syntax.unwrap(spread.named_children[0])
        )
    if _is_new_set(iterable):
        return True
    if iterable.type != "member_expression":
        return False
    obj = iterable.child_by_field_name("object")
    prop = iterable.child_by_field_name("property")
    if obj is None or obj.type != "this" or prop is None:
        return False
    function = model.function_at(iterable)
    owner = function.this_owner if function is not None else None
    info = owner.class_info if owner is not None else None
    if info is None:
        return False
    # (the model keeps a declaration without a value, `extensions: Set<E>;`, as the declaration itself)
    assigned = [
        right for right in info.instance_fields.get(syntax.text(prop), ())
        if right is not None and not (right.type.endswith("field_definition") and right.child_by_field_name("value") is None)
    ]
    return bool(assigned) and all(_is_new_set(syntax.unwrap(right)) for right in assigned)


def _is_new_set(node: Node | None) -> bool:
    if node is None or node.type != "new_expression":
        return False
    constructor = node.child_by_field_name("constructor")
    return constructor is not None and constructor.type == "identifier" and constructor.text == b"Set"
