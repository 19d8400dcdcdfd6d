"""Callbacks a function calls once per item: `onChunk(line)` in its read loop.

`async function stream({ onChunk }) { for (const line of lines) onChunk(line) }`
calls the function its caller hands it once per item, so whatever that
callback does (a `res.write()`) repeats as often as the loop turns, though
neither the callback nor its caller shows a loop.

A parameter slot (a positional parameter, or a property of a destructured
object parameter: `(index, name)`) is *looped* when the function calls it

- in a loop whose rounds the code does not fix (not over an array literal,
  not `i < 3`), that does not leave right after the call, or in a
  `forEach`-like callback;
- in a local function it calls in such a loop (`const consumeLine = (l) =>
  { …; onChunk(l) }; for (…) consumeLine(l)`), or hands as a callback to a
  function whose own slot is looped (`onChunk: (c) => onToken(c)`);
- by handing the parameter itself on to such a slot (`{ onChunk: onToken }`).

Up to three hops. Across files the summary records the looped slots of
exported functions, and the link hands each file that calls one the slots
of its call (``ExternalFacts.looped_callback``), by the imported name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.loops import iteration_call, loop_index
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.scopes import Binding, Function

Slot = tuple[int, str]  # (parameter index, destructured property or "")
_MAX_DEPTH = 3


@dataclass(frozen=True)
class LoopedCallback:
    """A function handed to a call whose callee calls it once per item."""

    call: Node  # the call that hands it over
    label: str  # "`runTest()` calls once per item (services/run.js:41)"
    repeat: Node | None = None  # the loop or iteration that repeats it, when in this file


def looped_slots(model: FileModel, function: Function) -> dict[Slot, Node]:
    """The parameter slots ``function`` calls once per item, each with the node that repeats it."""
    cache = model.fact("looped-slots", lambda _model: {})
    key = function.node.start_byte
    if key in cache:
        return cache[key]
    cache[key] = {}  # a recursive function: no slot while it is being computed
    found: dict[Slot, Node] = {}
    for slot, binding in _parameter_slots(function):
        for reference in binding.reads:
            repeat = _per_item_use(model, reference.node, function, 0)
            if repeat is not None:
                found[slot] = repeat
                break
    cache[key] = found
    return found


def looped_callback(model: FileModel, function: Function) -> LoopedCallback | None:
    """Whether ``function`` is handed (as an argument or an option) to a call that calls it once per item."""
    handed = _handed_slot(function.context)
    if handed is None:
        return None
    call, slot = handed
    return _looped_call_slot(model, call, slot, 0)


def _parameter_slots(function: Function):
    params_node = function.params_node
    if params_node is None:
        return
    positions = [c for c in params_node.named_children if c.type != "comment"]
    for binding in function.params:
        pattern = binding.destructured_from
        if pattern is None:
            index = next((i for i, c in enumerate(positions) if _declares(c, binding.node)), -1)
            if index >= 0:
                yield (index, ""), binding
            continue
        if pattern.type != "object_pattern":
            continue
        index = next((i for i, c in enumerate(positions) if _declares(c, pattern)), -1)
        if index < 0:
            continue
        for child in pattern.named_children:
            if child.type == "shorthand_property_identifier_pattern" and child.start_byte == binding.node.start_byte:
                yield (index, syntax.text(child)), binding
            elif child.type == "pair_pattern":
                value = child.child_by_field_name("value")
                key = child.child_by_field_name("key")
                if value is not None and value.start_byte == binding.node.start_byte and key is not None:
                    yield (index, syntax.string_value(key) or syntax.text(key)), binding


def _declares(parameter: Node, node: Node) -> bool:
    """The formal parameter ``parameter`` is, or starts with (a default, a type), ``node``."""
    if parameter.start_byte == node.start_byte:
        return True
    if parameter.type in ("assignment_pattern", "required_parameter", "optional_parameter"):
        first = parameter.named_children[0] if parameter.named_children else None
        return first is not None and (first.start_byte == node.start_byte or _declares(first, node))
    return False


def _per_item_use(model: FileModel, identifier: Node, owner: Function, depth: int) -> Node | None:
    """The node that makes this read of a callback parameter run once per item of one call of ``owner``."""
    parent = identifier.parent
    if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == identifier:
        return _per_item_call(model, parent, owner, depth)
    handed = _handed_slot(_value_context(model, identifier))
    if handed is not None:  # `{ onChunk: onToken }`: handed on to a looped slot
        found = _looped_call_slot(model, handed[0], handed[1], depth + 1)
        return (found.repeat or found.call) if found is not None else None
    return None


def _per_item_call(model: FileModel, call: Node, owner: Function, depth: int) -> Node | None:
    """The loop, iteration or looped call that makes ``call`` (inside ``owner``) repeat per item."""
    function = model.function_at(call)
    loop = model.fact("loops", loop_index).loop_around(call)
    if loop is not None and _counts_items(model, loop, call):
        return loop.node
    if function is None or function is owner or depth >= _MAX_DEPTH:
        return None
    iteration = iteration_call(model, function)
    if iteration is not None:
        items = syntax.unwrap(iteration.receiver)
        return iteration.node if items is None or items.type != "array" else None
    if not _inside(function, owner):
        return None
    handed = _handed_slot(function.context)
    if handed is not None:  # `onChunk: (c) => onToken(c)` handed to a looped slot
        found = _looped_call_slot(model, handed[0], handed[1], depth + 1)
        return (found.repeat or found.call) if found is not None else None
    from leaklint.model.calls import direct_calls

    for site in direct_calls(model, function):  # `const consumeLine = (l) => onChunk(l)`, called in a loop
        if _inside_node(site.node, owner.node):
            found = _per_item_call(model, site.node, owner, depth + 1)
            if found is not None:
                return found
    return None


def _counts_items(model: FileModel, loop, call: Node) -> bool:
    """A loop that calls once per item: not a fixed count, not left after the call, not paced by a sleep."""
    from leaklint.model.streams import _is_fixed_loop, _leaves_loop_after, _paced_by_timer  # streams imports this module

    node = call.parent
    while node is not None and node != loop.body:
        if node.type in ("return_statement", "throw_statement"):
            return False  # `while (…) { try { return await fn() } catch {} }`: a retry, not one call per item
        node = node.parent
    return not (_is_fixed_loop(model, loop) or _leaves_loop_after(call, loop.body) or _paced_by_timer(loop.body))


def _inside(function: Function, owner: Function) -> bool:
    outer = function.parent
    while outer is not None:
        if outer is owner:
            return True
        outer = outer.parent
    return False


def _inside_node(node: Node, container: Node) -> bool:
    return container.start_byte <= node.start_byte and node.end_byte <= container.end_byte


def _handed_slot(context: tuple) -> tuple[Node, Slot] | None:
    """(the call, the slot) for a function context `("argument", call, i)` / `("option", call, i, key)`."""
    if not context:
        return None
    if context[0] == "argument" and context[2] >= 0:
        return context[1], (context[2], "")
    if context[0] == "option" and context[2] >= 0 and context[3]:
        return context[1], (context[2], context[3])
    return None


def _value_context(model: FileModel, identifier: Node) -> tuple:
    """The context an identifier handed as a value has, in the terms of ``Function.context``."""
    node, parent = identifier, identifier.parent
    key = ""
    if parent is not None and parent.type == "pair" and parent.child_by_field_name("value") == node:
        key_node = parent.child_by_field_name("key")
        key = (syntax.string_value(key_node) or syntax.text(key_node)) if key_node is not None else ""
        node, parent = parent.parent, parent.parent.parent if parent.parent is not None else None
    elif parent is not None and parent.type == "object" and identifier.type == "shorthand_property_identifier":
        key = syntax.text(identifier)
        node, parent = parent, parent.parent
    if node is None or parent is None or parent.type != "arguments" or parent.parent is None:
        return ()
    arguments = [c for c in parent.named_children if c.type != "comment"]
    index = next((i for i, c in enumerate(arguments) if c.start_byte == node.start_byte), -1)
    if key:
        return ("option", parent.parent, index, key) if node.type == "object" else ()
    return ("argument", parent.parent, index)


def _looped_call_slot(model: FileModel, call: Node, slot: Slot, depth: int) -> LoopedCallback | None:
    """Whether the callee of ``call`` (a function of the file, or one the link knows) calls ``slot`` per item."""
    if call.type != "call_expression" or depth > _MAX_DEPTH:
        return None
    callee = syntax.unwrap(call.child_by_field_name("function"))
    if callee is None:
        return None
    target = _local_function(model, callee)
    if target is not None:
        repeat = looped_slots(model, target).get(slot)
        if repeat is None:
            return None
        where = f"line {repeat.start_point[0] + 1}"
        return LoopedCallback(call, f"`{syntax.text(callee)}()` calls once per item ({where})", repeat)
    local, member = imported_callee(callee)
    if local is None:
        return None
    linked = model.external.looped_callback(local, member, slot)
    if linked is None:
        return None
    return LoopedCallback(call, f"`{syntax.text(callee)}()` calls once per item ({linked.path}:{linked.span.line})")


def _local_function(model: FileModel, callee: Node) -> Function | None:
    if callee.type != "identifier":
        return None
    binding: Binding | None = model.resolve(callee)
    if binding is None or binding.writes:
        return None
    if binding.kind == "function":
        return model.function_of(binding.declaration)
    init = syntax.unwrap(binding.init) if binding.kind in ("const", "let", "var") else None
    if init is not None and init.type in syntax.FUNCTION_KINDS:
        return model.function_of(init)
    return None


def imported_callee(callee: Node) -> tuple[str | None, str]:
    """(`run`, "") for `run(…)`, (`svc`, `run`) for `svc.run(…)`: the names the summary's calls use."""
    if callee.type == "identifier":
        return syntax.text(callee), ""
    if callee.type == "member_expression":
        obj = syntax.unwrap(callee.child_by_field_name("object"))
        prop = callee.child_by_field_name("property")
        if obj is not None and obj.type == "identifier" and prop is not None:
            return syntax.text(obj), syntax.text(prop)
    return None, ""
