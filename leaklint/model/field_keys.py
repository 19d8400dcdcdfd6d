"""Helpers that build a key from the fields of their parameter: the key has the argument's provenance.

agent-afk files its Telegram session data under `routeKey(route)`, where
`routeKey(route)` returns `String(route.chatId)` or `` `${route.chatId}:${route.threadId}` ``:
one key per chat and topic, as unbounded as the chats that write.  Read by
name, the argument `route` looks like a route name drawn from a fixed set
(``shape.BOUNDED_KEY_NAMES``); what the key is made of is its fields, exactly
as if the caller had written `String(route.chatId)` itself.

``field_return_parameter`` answers the position of the parameter a helper
builds every returned value from the fields of: each `return` (or an arrow's
expression body) reads at least one `param.field` of that one parameter, and
reads nothing else but literals, other fields of it and global calls such as
`String(…)` (no other local, no other parameter, never the parameter itself).
``helper_field_parameter`` answers it for a call: a same-file helper, or an
imported one through the project link (the exporting file's summary records
it, ``ProjectSummary.field_returns``).  ``shape.key_source`` follows the
argument at that position as a field read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.looped_callbacks import imported_callee
from leaklint.model.scopes import Function
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

_LITERALS = frozenset({"string", "number", "true", "false", "null", "undefined", "string_fragment", "escape_sequence"})


def field_return_parameter(model: FileModel, helper: Function | None) -> int | None:
    """The index of the parameter whose fields every value ``helper`` returns is built from, else None."""
    from leaklint.model.provenance import _returned_values

    if helper is None or not helper.params:
        return None
    values = _returned_values(model, helper)
    if not values:
        return None
    found = None
    for value in values:
        index = _built_from_fields(model, helper, value)
        if index is None or (found is not None and index != found):
            return None
        found = index
    return found


def helper_field_parameter(model: FileModel, call: Node) -> int | None:
    """For `helper(a, …)`: the position of the argument the helper builds its return from the fields of."""
    from leaklint.model.provenance import _getter_function

    helper = _getter_function(model, call)
    if helper is not None:
        return field_return_parameter(model, helper)
    callee = syntax.unwrap(call.child_by_field_name("function"))
    if callee is None or not model.external.field_returns:
        return None
    local, member = imported_callee(callee)
    if local is None:
        return None
    binding = model.resolve(syntax.unwrap(callee.child_by_field_name("object")) if member else callee)
    if binding is None or binding.kind != "import":
        return None
    return model.external.field_return(local, member)


def _built_from_fields(model: FileModel, helper: Function, value: Node | None) -> int | None:
    """The parameter ``value`` reads fields of, when it reads nothing but those, literals and global calls."""
    value = syntax.unwrap(value)
    if value is None:
        return None
    parameters = {id(p): i for i, p in enumerate(helper.params)}
    used: set[int] = set()
    stack = [value]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind in _LITERALS or kind in ("template_string", "template_substitution", "binary_expression",
                                         "ternary_expression", "parenthesized_expression", "unary_expression",
                                         "arguments"):
            stack.extend(node.named_children)
            continue
        if kind == "member_expression":
            obj = syntax.unwrap(node.child_by_field_name("object"))
            binding = model.resolve(obj) if obj is not None and obj.type == "identifier" else None
            if binding is None or id(binding) not in parameters:
                return None
            used.add(parameters[id(binding)])
            continue
        if kind == "call_expression":
            callee = syntax.unwrap(node.child_by_field_name("function"))
            if callee is None or callee.type != "identifier" or not model.is_global(callee):
                return None  # `String(…)`, `encodeURIComponent(…)`; a local helper may return anything
            arguments = node.child_by_field_name("arguments")
            if arguments is not None:
                stack.append(arguments)
            continue
        if kind == "identifier" and syntax.text(node) == "undefined":
            continue
        return None  # another local, the parameter itself, `this`, a function: not only its fields
    return next(iter(used)) if len(used) == 1 else None
