"""Values made anew on every call, also when a helper builds them.

`const {dataChannel} = util.rendererReplyChannels(id, channel)` where the
helper returns `{ dataChannel: `%reply-${channel}-${uniqueId()}` }` and
`uniqueId()` reads `Date.now()` and `Math.random()`: each call gets a channel
name no other call uses, so a `.once()` on it is removed only if that call's
answer comes (round-7 fresh sample, electron-better-ipc).

A value is fresh when it is (or is built with `${…}` / `+` from) a clock or
random call (`Date.now()`, `Math.random()`, `randomUUID()`, `uuid()`,
`nanoid()`), a counter stepped in the function (`n++`), a local holding one,
or what a same-file helper returns when that is fresh. A helper's parameters
are not fresh: `%send-${channel}` is the same name for every call with the
same channel. Helpers in other files are read through the project link
(``ExternalFacts.fresh_return``, from ``fresh_returns`` in each summary).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.scopes import Binding, Function

_FRESH_CALLS = frozenset({"now", "random", "randomUUID", "uuid", "v4", "v1", "nanoid", "uniqueId", "cuid", "ulid"})
_MAX_DEPTH = 5
# Bytes a file must hold for any value in it to be fresh (a cheap test before reading its functions).
FRESH_TOKENS = (b"now", b"random", b"uuid", b"UUID", b"nanoid", b"v4", b"v1", b"cuid", b"ulid", b"++", b"+=", b"Id(")


def fresh_value(model: FileModel, value: Node | None, function: Function | None, depth: int = 0) -> str | None:
    """Why a value is new on every run of ``function`` (for messages), else None."""
    from leaklint.model.shape import _incremented_in, _returns_counter

    value = syntax.unwrap(value)
    if value is None or depth > _MAX_DEPTH:
        return None
    kind = value.type
    if kind == "update_expression":
        return "a counter"
    if kind in ("template_string", "binary_expression"):
        for child in value.named_children:
            if child.type == "template_substitution":
                child = child.named_children[0] if child.named_children else None
            found = fresh_value(model, child, function, depth + 1)
            if found is not None:
                return found
        return None
    if kind == "identifier":
        binding = model.resolve(value)
        if binding is None or binding.kind == "param":
            return None
        if _incremented_in(model, value, function):
            return "a counter"
        if binding.kind in ("const", "let") and not binding.is_module_level and binding.init is not None and not binding.writes:
            return fresh_value(model, binding.init, function, depth + 1)
        return None
    if kind == "call_expression":
        callee = syntax.unwrap(value.child_by_field_name("function"))
        name = syntax.text(callee).rsplit(".", 1)[-1] if callee is not None else ""
        if name in _FRESH_CALLS:
            return f"`{syntax.text(callee)}()`, a new value on every call"
        if _returns_counter(model, value):
            return f"`{syntax.text(callee)}()`, a counter"
        return helper_fresh_return(model, value, None, depth + 1)
    return None


def helper_fresh_return(model: FileModel, call: Node, field: str | None, depth: int = 0) -> str | None:
    """Why what a helper call returns (or its ``field``) is new on every call, else None."""
    from leaklint.model.provenance import _getter_function

    if depth > _MAX_DEPTH:
        return None
    callee = syntax.unwrap(call.child_by_field_name("function"))
    helper = _getter_function(model, call)
    if helper is None:
        linked = _linked_fresh_return(model, callee, field)
        return linked
    reason = returned_fresh(model, helper, field, depth)
    if reason is None:
        return None
    return f"`{model.node_text(callee, 40)}()`, which builds it from {reason}"


def returned_fresh(model: FileModel, helper: Function, field: str | None, depth: int = 0) -> str | None:
    """Why every value ``helper`` returns (or its ``field``) is new on every call, else None."""
    from leaklint.model.provenance import _returned_values

    values = _returned_values(model, helper)
    if not values:
        return None
    reason = None
    for value in values:
        value = syntax.unwrap(value)
        if field is not None:
            value = _field_value(value, field)
        found = fresh_value(model, value, helper, depth + 1)
        if found is None:
            return None
        reason = reason or found
    return reason


def returned_fresh_fields(model: FileModel, helper: Function) -> list[tuple[str, str]]:
    """(field, reason) of the returned object literal's fields that are new on every call; ("", reason) for the value."""
    from leaklint.model.provenance import _returned_values

    whole = returned_fresh(model, helper, None)
    if whole is not None:
        return [("", whole)]
    values = [syntax.unwrap(v) for v in _returned_values(model, helper)]
    if len(values) != 1 or values[0] is None or values[0].type != "object":
        return []
    found = []
    for pair in values[0].named_children:
        key = pair.child_by_field_name("key") if pair.type == "pair" else None
        name = syntax.string_value(key) or syntax.text(key) if key is not None else None
        if not name:
            continue
        reason = fresh_value(model, pair.child_by_field_name("value"), helper, 1)
        if reason is not None:
            found.append((name, reason))
    return found


def _field_value(value: Node | None, field: str) -> Node | None:
    """The value of ``field`` in a returned object literal."""
    if value is None or value.type != "object":
        return None
    for pair in value.named_children:
        if pair.type == "pair":
            key = pair.child_by_field_name("key")
            if key is not None and (syntax.string_value(key) or syntax.text(key)) == field:
                return pair.child_by_field_name("value")
        elif pair.type == "shorthand_property_identifier" and syntax.text(pair) == field:
            return pair
    return None


def _linked_fresh_return(model: FileModel, callee: Node | None, field: str | None) -> str | None:
    """`util.makeIds()` / `makeIds()` of another file, through the project link."""
    if callee is None or not model.external.fresh_returns:
        return None
    if callee.type == "identifier":
        local, member = syntax.text(callee), ""
    elif callee.type == "member_expression":
        obj = syntax.unwrap(callee.child_by_field_name("object"))
        prop = callee.child_by_field_name("property")
        if obj is None or obj.type != "identifier" or prop is None:
            return None
        local, member = syntax.text(obj), syntax.text(prop)
    else:
        return None
    binding = model.resolve(syntax.unwrap(callee) if callee.type == "identifier" else callee.child_by_field_name("object"))
    if binding is None or not binding.is_module_level:
        return None
    reason = model.external.fresh_return(local, member, field or "") or model.external.fresh_return(local, member, "")
    if reason is None:
        return None
    return f"`{syntax.text(callee)}()`, which builds it from {reason}"


def destructured_field(binding: Binding) -> str | None:
    """The field a destructured name reads: `dataChannel` of `{ dataChannel }` and of `{ dataChannel: d }`."""
    node = binding.node
    parent = node.parent
    if node.type == "shorthand_property_identifier_pattern":
        return syntax.text(node)
    if parent is not None and parent.type == "pair_pattern" and parent.child_by_field_name("value") == node:
        key = parent.child_by_field_name("key")
        return syntax.string_value(key) or syntax.text(key) if key is not None else None
    if parent is not None and parent.type == "object_pattern":
        return syntax.text(node)
    return None
