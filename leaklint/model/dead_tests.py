"""Tests that are never true: `if (Object.keys(group).count === 0) delete groups[user]`.

`Object.keys()`, `Object.values()` and `Object.entries()` return arrays, and
an array has no `count` or `size` property: the read is `undefined`, and
`undefined` compared with a number (`===`, `==`, `<`, `<=`, `>`, `>=`) is
false.  A removal guarded by such a comparison never runs (makedrive's
per-user session registry, whose "drop the user when no session is left"
tested `.count`).  The same holds for an array literal.  `!== 0` and `!=`
are always true instead, and leave the removal reachable.
"""

from __future__ import annotations

from leaklint import syntax
from leaklint.syntax import Node

_ARRAY_MAKERS = frozenset({"Object.keys", "Object.values", "Object.entries", "Object.getOwnPropertyNames"})
_MISSING_ON_ARRAYS = frozenset({"count", "size"})
_FALSE_WITH_UNDEFINED = frozenset({"===", "==", "<", "<=", ">", ">="})


def never_true_guard(removal: Node) -> Node | None:
    """The condition of an `if` whose consequence holds ``removal`` and that is never true (see the module doc)."""
    child, node = removal, removal.parent
    while node is not None and node.type not in syntax.FUNCTION_KINDS and node.type != "program":
        if node.type == "if_statement" and node.child_by_field_name("consequence") == child:
            condition = syntax.unwrap(node.child_by_field_name("condition"))
            if condition is not None and _never_true(condition):
                return condition
        child, node = node, node.parent
    return None


def _never_true(condition: Node) -> bool:
    if condition.type != "binary_expression" or syntax.operator_of(condition) not in _FALSE_WITH_UNDEFINED:
        return False
    left = syntax.unwrap(condition.child_by_field_name("left"))
    right = syntax.unwrap(condition.child_by_field_name("right"))
    return (_missing_array_property(left) and _is_number(right)) or (_missing_array_property(right) and _is_number(left))


def _missing_array_property(node: Node | None) -> bool:
    """`Object.keys(x).count`, `[a, b].size`: a property no array has."""
    if node is None or node.type != "member_expression":
        return False
    prop = node.child_by_field_name("property")
    if prop is None or syntax.text(prop) not in _MISSING_ON_ARRAYS:
        return False
    array = syntax.unwrap(node.child_by_field_name("object"))
    if array is None:
        return False
    if array.type == "array":
        return True
    if array.type != "call_expression":
        return False
    callee = syntax.unwrap(array.child_by_field_name("function"))
    return callee is not None and "".join(syntax.text(callee).split()) in _ARRAY_MAKERS


def _is_number(node: Node | None) -> bool:
    return node is not None and node.type == "number"
