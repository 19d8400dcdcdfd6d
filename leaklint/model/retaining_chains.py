"""Growth by a retaining chain: a long-lived variable replaced by a value that keeps the old one (LL001).

No collection is added to, yet memory grows: `chain = { prev: chain, … }` in
a timer, or a jQuery set narrowed on every tick (`$set = $set.not(gone)`):
every jQuery traversal (`.not()`, `.add()`, `.filter()`, `.find()`, …) keeps
the set it was called on in the new set's `prevObject`, so each replacement
links one more old set, with every element it held, for as long as the
variable lives (round-6 fresh sample, Livestamp's `$livestamps`).

A chain is reported when

- the variable is long-lived (module level, or a closure variable of code
  that runs once, as the lifetime model says),
- it is assigned, in a function that runs more than once (not where it is
  declared), a value that keeps its old value: an object literal with a
  property whose value is the variable itself (`{ prev: chain }`), an array
  literal holding it (`[chain, item]`), or a jQuery traversal called on it
  when the variable holds a jQuery set (declared as `$(…)`/`jQuery(…)`),
- and nothing cuts the chain: no other assignment of the variable with a
  value that does not keep it, and no write or `delete` of the retaining
  property anywhere in the file (`delete $set.prevObject`, `node.prev =
  null`); for jQuery sets any mention of `prevObject` counts as a cut.

Not a chain: `list = list.filter(…)` on an array (`Array.prototype.filter`
keeps nothing), `state = { ...state, x }` (a spread copies the properties,
not the object), `count = count + 1`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.frequency import FrequencyFact
from leaklint.model.jquery import is_jquery_call
from leaklint.model.scopes import Binding
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

# jQuery methods that build a new set through pushStack, keeping the old one in `prevObject`.
JQUERY_TRAVERSALS = frozenset({
    "add", "addBack", "andSelf", "children", "closest", "contents", "eq", "even", "filter", "find", "first",
    "has", "last", "map", "next", "nextAll", "nextUntil", "not", "odd", "offsetParent", "parent", "parents",
    "parentsUntil", "prev", "prevAll", "prevUntil", "siblings", "slice",
})


@dataclass(frozen=True)
class RetainingChain:
    """A long-lived variable replaced, over and over, by a value that links the previous one."""

    binding: Binding
    assignment: Node  # `$set = $set.not(gone)`
    keeps: str  # "`.not()` keeps the previous set in `prevObject`"
    frequency: FrequencyFact


def retaining_chains(model: FileModel) -> list[RetainingChain]:
    """Every long-lived variable that grows a chain of its old values (see the module doc)."""
    found = []
    seen: set[int] = set()
    for assignment in model.nodes("assign"):
        if assignment.type != "assignment_expression":
            continue
        left = syntax.unwrap(assignment.child_by_field_name("left"))
        if left is None or left.type != "identifier":
            continue
        binding = model.resolve(left)
        if binding is None or binding.kind not in ("let", "var") or id(binding) in seen:
            continue
        link = _link(model, binding, syntax.unwrap(assignment.child_by_field_name("right")))
        if link is None:
            continue
        keeps, prop = link
        function = model.function_at(assignment)
        if function is None or function.contains(binding.node):
            continue  # replaced where it is declared: a local chain dies with the call
        frequency = model.frequency(function)
        if not frequency.runs_repeatedly or not model.lifetime(left).is_long_lived:
            continue
        if _cut(model, binding, prop):
            continue
        seen.add(id(binding))
        found.append(RetainingChain(binding, assignment, keeps, frequency))
    return found


def _link(model: FileModel, binding: Binding, value: Node | None) -> tuple[str, str] | None:
    """How a value keeps the variable's old value, and the property that holds it, or None."""
    if value is None:
        return None
    if value.type == "object":
        for child in value.named_children:
            if child.type == "pair" and _is(model, child.child_by_field_name("value"), binding):
                key = syntax.text(child.child_by_field_name("key")).strip("'\"")
                return f"the new object's `{key}` keeps the previous one", key
            if child.type == "shorthand_property_identifier" and model.resolve(child) is binding:
                return f"the new object's `{binding.name}` keeps the previous one", binding.name
        return None
    if value.type == "array":
        if any(_is(model, child, binding) for child in value.named_children):
            return "the new array holds the previous one", ""
        return None
    if value.type == "call_expression" and _holds_jquery(model, binding):
        callee = syntax.unwrap(value.child_by_field_name("function"))
        if callee is not None and callee.type == "member_expression":
            prop = callee.child_by_field_name("property")
            method = syntax.text(prop) if prop is not None else ""
            if method in JQUERY_TRAVERSALS and _is(model, callee.child_by_field_name("object"), binding):
                return f"`.{method}()` keeps the previous jQuery set in the new one's `prevObject`", "prevObject"
    return None


def _is(model: FileModel, node: Node | None, binding: Binding) -> bool:
    node = syntax.unwrap(node)
    return node is not None and node.type == "identifier" and model.resolve(node) is binding


def _holds_jquery(model: FileModel, binding: Binding) -> bool:
    """Declared as a jQuery set: `var $set = $([])`, `let items = jQuery('.item')`."""
    init = syntax.unwrap(binding.init)
    while init is not None and init.type == "call_expression" and not is_jquery_call(model, init):
        callee = syntax.unwrap(init.child_by_field_name("function"))
        prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
        if prop is None or syntax.text(prop) not in JQUERY_TRAVERSALS:
            return False
        init = syntax.unwrap(callee.child_by_field_name("object"))  # `$('#list').children()`
    return init is not None and is_jquery_call(model, init)


def _cut(model: FileModel, binding: Binding, prop: str) -> bool:
    """Whether the file breaks the chain: another kind of write, or a write or delete of the linking property."""
    for reference in binding.writes:
        parent = reference.node.parent
        if parent is None or parent.type != "assignment_expression":
            continue
        if _link(model, binding, syntax.unwrap(parent.child_by_field_name("right"))) is None:
            return True  # `chain = null`, `$set = $([])`: a fresh start
    if not prop:
        return False
    if prop == "prevObject":
        return b"prevObject" in model.source
    pattern = re.compile(rb"\.\s*" + re.escape(prop.encode()) + rb"\s*=(?!=)|delete\s+[\w$.\[\]]*\." + re.escape(prop.encode()))
    return pattern.search(model.source) is not None
