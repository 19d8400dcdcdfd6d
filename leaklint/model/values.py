"""What the code does with the value a local binding holds, reference by reference.

A shared fact for rules that track one object through the function that made
it (a resource that must be released, a response whose body must be read, a
stream that must be consumed): each reference is classified as a method call
on the value, a property read, a hand-off (passed to a call, returned, stored,
put in a literal, aliased), or a plain access; with whether it sits in a
closure nested inside the binding's function, in a `finally` block, in a
`catch` clause, and the statement of the binding's function it belongs to.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.scopes import FUNCTION_KINDS, Binding, Function
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel


class ValueUseKind(str, enum.Enum):
    """What one reference does with the value."""

    METHOD = "method"  # x.m(...), x?.m(...)
    PROPERTY = "property"  # x.p (not called)
    HANDED_ON = "handed-on"  # f(x), return x, y = x, { x }, [x], ...x, yield x
    ITERATED = "iterated"  # for (const c of x), for await (... of x)
    WRITE = "write"  # x = ...
    ACCESS = "access"  # if (x), await x, x === y, typeof x


@dataclass(frozen=True)
class ValueUse:
    """One reference to the binding and what it does."""

    kind: ValueUseKind
    node: Node  # the identifier
    name: str | None = None  # the method or property name
    site: Node | None = None  # the call (METHOD) or member expression (PROPERTY)
    nested: Function | None = None  # the closure it sits in, when not the binding's own function
    in_finally: bool = False
    in_catch: bool = False

    @property
    def start(self) -> int:
        """Where the use begins."""
        return self.node.start_byte


_ESCAPE_PARENTS = frozenset(
    {"return_statement", "array", "spread_element", "yield_expression", "pair", "export_specifier", "jsx_expression"}
)
_TRANSPARENT = frozenset(
    {"parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression", "type_assertion"}
)


def value_uses(model: FileModel, binding: Binding) -> list[ValueUse]:
    """Every reference to ``binding`` classified, in source order."""
    owner = model.function_at(binding.node)
    uses = [_classify(model, reference.node, reference.is_write, owner) for reference in binding.references]
    uses.sort(key=lambda use: use.start)
    return uses


def classify_expression(model: FileModel, node: Node, owner: Function | None) -> ValueUse:
    """Classify what the code around an expression (a call's result) does with its value."""
    return _classify(model, node, False, owner)


def _classify(model: FileModel, identifier: Node, is_write: bool, owner: Function | None) -> ValueUse:
    function = model.function_at(identifier)
    nested = function if function is not None and (owner is None or function.node != owner.node) else None
    in_finally, in_catch = _handlers_around(identifier, owner)
    common = {"nested": nested, "in_finally": in_finally, "in_catch": in_catch}
    if is_write:
        return ValueUse(ValueUseKind.WRITE, identifier, **common)
    node = identifier
    parent = node.parent
    while parent is not None and parent.type in _TRANSPARENT:
        node, parent = parent, parent.parent
    if parent is None:
        return ValueUse(ValueUseKind.ACCESS, identifier, **common)
    kind = parent.type
    if kind == "member_expression" and parent.child_by_field_name("object") == node:
        prop = parent.child_by_field_name("property")
        name = syntax.text(prop) if prop is not None else None
        outer = parent.parent
        if outer is not None and outer.type == "call_expression" and outer.child_by_field_name("function") == parent:
            return ValueUse(ValueUseKind.METHOD, identifier, name, outer, **common)
        return ValueUse(ValueUseKind.PROPERTY, identifier, name, parent, **common)
    if kind == "subscript_expression" and parent.child_by_field_name("object") == node:
        return ValueUse(ValueUseKind.PROPERTY, identifier, None, parent, **common)
    if kind == "arguments" or kind in _ESCAPE_PARENTS or identifier.type == "shorthand_property_identifier":
        return ValueUse(ValueUseKind.HANDED_ON, identifier, site=parent, **common)
    if kind == "assignment_expression" and parent.child_by_field_name("right") == node:
        return ValueUse(ValueUseKind.HANDED_ON, identifier, site=parent, **common)
    if kind == "variable_declarator" and parent.child_by_field_name("value") == node:
        return ValueUse(ValueUseKind.HANDED_ON, identifier, site=parent, **common)
    if kind == "arrow_function" and parent.child_by_field_name("body") == node:
        return ValueUse(ValueUseKind.HANDED_ON, identifier, site=parent, **common)
    if kind == "ternary_expression" or (kind == "binary_expression" and _is_logical(parent)):
        # `return a ?? x`, `const y = cond ? x : z`: the value may travel on with the whole expression
        outer = classify_expression(model, parent, owner)
        if outer.kind is ValueUseKind.HANDED_ON:
            return ValueUse(ValueUseKind.HANDED_ON, identifier, site=outer.site, **common)
        return ValueUse(ValueUseKind.ACCESS, identifier, **common)
    if kind == "for_in_statement" and parent.child_by_field_name("right") == node:
        return ValueUse(ValueUseKind.ITERATED, identifier, site=parent, **common)
    if kind == "await_expression":
        outer = classify_expression(model, parent, owner)
        if outer.kind is ValueUseKind.HANDED_ON:
            return ValueUse(ValueUseKind.HANDED_ON, identifier, site=outer.site, **common)
    return ValueUse(ValueUseKind.ACCESS, identifier, **common)


def _is_logical(node: Node) -> bool:
    operator = node.child_by_field_name("operator")
    return operator is not None and operator.type in ("??", "||", "&&")


def _handlers_around(node: Node, owner: Function | None) -> tuple[bool, bool]:
    """Whether a node lies in a `finally` block / a `catch` clause, below ``owner``'s body."""
    in_finally = in_catch = False
    stop = owner.node if owner is not None else None
    current = node.parent
    while current is not None and current != stop:
        if current.type == "finally_clause":
            in_finally = True
        elif current.type == "catch_clause":
            in_catch = True
        current = current.parent
    return in_finally, in_catch


def statements_between(function_body: Node | None, start: int, end: int) -> list[Node]:
    """Top-level statements of a body that overlap the byte range [start, end)."""
    if function_body is None:
        return []
    return [child for child in function_body.named_children if child.end_byte > start and child.start_byte < end]


def nodes_between(container: Node, start: int, end: int, kinds: frozenset[str], skip_functions: bool = True) -> list[Node]:
    """Descendants of ``container`` of the given kinds that lie inside [start, end), not inside nested functions."""
    found = []
    cursor_stack = [container]
    while cursor_stack:
        node = cursor_stack.pop()
        if node.end_byte <= start or node.start_byte >= end:
            continue
        if node is not container and skip_functions and node.type in FUNCTION_KINDS:
            continue
        if node.type in kinds and node.start_byte >= start and node.end_byte <= end:
            found.append(node)
        cursor_stack.extend(node.children)
    found.sort(key=lambda n: n.start_byte)
    return found
