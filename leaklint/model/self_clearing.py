"""A self-clearing interval that its holder's teardown member does not stop.

An interval that clears itself from its own callback once a condition holds
(`if (player.getCurrentTime() >= startAt) clearInterval(p.check)`) ends only
if that condition comes.  When the handle is kept on an object (`p.check`,
`this.poll`) whose class or object literal also has a teardown member
(`destroy()`, `playerDestroy()`, `dispose()`, `stop()`, …) that does not clear
it, tearing the object down before the condition holds leaves the timer
running for ever, and with it the callback and the torn-down object.  This
decides that gap: it names the teardown member that misses the handle.

Not a gap: a clear reached from anywhere but the callback (the teardown, or
a helper it calls, clears it), a condition the callback drives itself
(`if (++n === 50)`), or a condition that reads a field the teardown writes
(`destroy() { this.destroyed = true }` with `if (this.destroyed) clearInterval(…)`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.scopes import Function
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.timers import Interval

# Words of a member name that say the member ends the object's work (`destroy`, `playerDestroy`, `onClose`).
_TEARDOWN_WORDS = frozenset(
    {"destroy", "dispose", "teardown", "close", "stop", "unmount", "detach", "shutdown", "disconnect", "cleanup",
     "terminate", "kill", "unload"}
)
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_CONDITIONS = ("if_statement", "while_statement", "ternary_expression", "switch_case")
_MAX_UP = 8


def is_teardown_name(name: str | None) -> bool:
    """A member name with a word that ends work: `destroy`, `playerDestroy`, `tearDown`, `_onClose`."""
    if not name:
        return False
    words = {w.lower() for w in _WORD.findall(name)}
    return bool(words & _TEARDOWN_WORDS) or "teardown" in name.lower()


def member_siblings(model: FileModel, function: Function | None) -> tuple[Function, list[tuple[str, Function]]] | None:
    """The member of a class or object that ``function`` is (or is nested in), and every member of that holder.

    Holders: an ES class (its methods), an object literal (its function-valued properties and methods),
    an object that functions are assigned onto (`P.prototype.m = function …`, `$.fn.x = function …`),
    and an ES5 constructor (`function P() {…}`), whose members are those of `P.prototype`.
    """
    current = function
    steps = 0
    while current is not None and steps < _MAX_UP:
        steps += 1
        found = _holder_members(model, current)
        if found is not None:
            return current, found
        current = current.parent
    return None


def _holder_members(model: FileModel, function: Function) -> list[tuple[str, Function]] | None:
    context = function.context
    if not context:
        return None
    if context[0] == "method":
        info = context[1]
        return [(c.method_name, c) for c in model.functions if c.class_info is info and c.method_name]
    if context[0] == "property":
        holder = _object_of_key(context[1])
        if holder is None:
            return None
        members = []
        for candidate in model.functions:
            if candidate.context and candidate.context[0] == "property":
                if _object_of_key(candidate.context[1]) == holder:
                    members.append((syntax.text(candidate.context[1]), candidate))
        return members
    if context[0] == "declared" and function.node.type == "function_declaration" and function.name:
        # an ES5 constructor: its members are the functions assigned onto `Name.prototype`
        prototype = f"{function.name}.prototype".encode()
        members = []
        for candidate in model.functions:
            c = candidate.context
            if c and c[0] == "assigned":
                other = syntax.unwrap(c[1])
                if other is not None and other.type == "member_expression":
                    owner = syntax.unwrap(other.child_by_field_name("object"))
                    if owner is not None and owner.text == prototype:
                        members.append((syntax.text(other.child_by_field_name("property")), candidate))
        return members or None
    if context[0] == "assigned":
        left = syntax.unwrap(context[1])
        if left is None or left.type != "member_expression":
            return None
        owner = model.access_path(left.child_by_field_name("object"))
        if owner is None:
            return None
        members = []
        for candidate in model.functions:
            c = candidate.context
            if c and c[0] == "assigned":
                other = syntax.unwrap(c[1])
                if other is not None and other.type == "member_expression":
                    if model.access_path(other.child_by_field_name("object")) == owner:
                        members.append((syntax.text(other.child_by_field_name("property")), candidate))
        return members
    return None


def _object_of_key(key: Node) -> Node | None:
    """The object literal a property key belongs to (`{ k: function … }` or `{ k() {…} }`)."""
    parent = key.parent
    if parent is None or parent.type not in ("pair", "method_definition"):
        return None
    holder = parent.parent
    return holder if holder is not None and holder.type == "object" else None


def teardown_missing_clear(model: FileModel, interval: Interval) -> tuple[str, Function] | None:
    """The teardown member (name, function) of the handle's holder that leaves a self-clearing interval
    running, or None when there is no such gap (see the module docstring)."""
    callback = interval.callback_function
    if callback is None or not interval.clears or interval.discarded or interval.escape is not None:
        return None
    if not all(callback.contains(c.site.node) for c in interval.clears):
        return None  # cleared from somewhere else too: a stop path exists
    if not any(slot.kind != "binding" for slot in interval.slots):
        return None  # a local handle: not the state of an object that a teardown ends
    found = member_siblings(model, interval.site.function)
    if found is None:
        return None
    member, members = found
    condition_words = set()
    for clear in interval.clears:
        if counts_down(callback, clear.site.node):
            return None  # `if (++n === 50) clearInterval(t)`: the callback drives its own end, which comes for sure
        words = _condition_words(clear.site.node, callback.node)
        if words is None:
            return None  # an unconditional clear: the interval runs its callback once and ends
        condition_words |= words
    for name, teardown in members:
        if teardown is member or not is_teardown_name(name) or teardown.contains(interval.site.node):
            continue
        if _written_fields(teardown) & condition_words:
            continue  # `destroy() { this.destroyed = true }`, read by the condition: the callback then clears it
        return name, teardown
    return None


def _condition_words(node: Node, stop: Node) -> set[bytes] | None:
    """Identifiers and property names in the conditions around ``node`` up to ``stop``; None when there are none."""
    words: set[bytes] = set()
    seen_condition = False
    current = node.parent
    while current is not None and current != stop:
        if current.type in _CONDITIONS:
            condition = current.child_by_field_name("condition") or current.child_by_field_name("value")
            if condition is not None:
                seen_condition = True
                pending = [condition]
                while pending:
                    part = pending.pop()
                    if part.type in ("identifier", "property_identifier"):
                        words.add(part.text)
                    pending.extend(part.named_children)
        current = current.parent
    return words if seen_condition else None


def _written_fields(function: Function) -> set[bytes]:
    """Names the function assigns: `x.f = …` gives `f`, `flag = …` gives `flag`."""
    written: set[bytes] = set()
    pending = [function.node]
    while pending:
        node = pending.pop()
        if node.type in ("assignment_expression", "augmented_assignment_expression"):
            left = syntax.unwrap(node.child_by_field_name("left"))
            if left is not None and left.type == "member_expression":
                prop = left.child_by_field_name("property")
                if prop is not None:
                    written.add(prop.text)
            elif left is not None and left.type == "identifier":
                written.add(left.text)
        pending.extend(node.named_children)
    return written


def counts_down(callback: Function, clear_node: Node) -> bool:
    """The clear sits under a condition on a name the callback steps itself (`n++`, `n += 1`, `n--`)."""
    stepped = set()
    stack = [callback.node]
    while stack:
        node = stack.pop()
        if node.type == "update_expression":
            target = node.child_by_field_name("argument")
            if target is not None:
                stepped.add(target.text)
        elif node.type == "augmented_assignment_expression":
            target = node.child_by_field_name("left")
            if target is not None:
                stepped.add(target.text)
        stack.extend(node.named_children)
    if not stepped:
        return False
    node = clear_node.parent
    while node is not None and node != callback.node:
        if node.type in ("if_statement", "while_statement", "ternary_expression"):
            condition = node.child_by_field_name("condition")
            pending = [condition] if condition is not None else []
            while pending:
                part = pending.pop()
                if part.text in stepped:
                    return True
                pending.extend(part.named_children)
        node = node.parent
    return False
