"""Returned wrappers that keep their last call's arguments in the enclosing call's variables.

A function returned by another (the wrapper that `throttle(fn)`, `debounce(fn)` or `once(fn)`
hands out) that assigns its `arguments`, or one of its own parameters, to a variable declared by
the enclosing function stores that value in the enclosing call's context: it stays there after
the wrapper returns, for as long as the wrapper is reachable, which for a wrapper used as an
event handler is as long as the page. So the last event (and the DOM tree its target points to)
is kept until the next call replaces it.

Only a wrapper of a function counts: the enclosing function calls one of its own parameters
(`func.apply(context, args)`, `fn(...a)`), so the arguments the wrapper keeps are the ones it
hands on to a caller's callback, an event handler's. A returned predicate that remembers the
last character it was shown (`stringEater(type)` of a CodeMirror mode) keeps a string.

Not a kept value:
- the variable is given a plain empty value (`args = null`, `lastArgs = undefined`, `void 0`)
  anywhere in the enclosing function or its closures: it is dropped after use;
- the wrapper reads the variable before it first writes it: it compares or reuses the previous
  call's arguments (a memo such as memoize-one's `lastArgs`), so keeping them is its purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

from leaklint import syntax
from leaklint.model.scopes import Binding, Function

_EMPTY_VALUES = frozenset({"null", "undefined"})


@dataclass(frozen=True)
class KeptCallArguments:
    """`args = arguments` in a returned wrapper: ``variable`` keeps the last call's ``what``."""

    wrapper: Function
    variable: Binding
    store: object  # the assignment node
    what: str  # "its arguments" or "its parameter `event`"


def kept_call_arguments(model) -> list[KeptCallArguments]:
    """Every (wrapper, variable) pair of the file where a returned wrapper keeps its last arguments."""
    found: list[KeptCallArguments] = []
    seen: set[tuple[int, int]] = set()
    for assignment in model.nodes("assign"):
        if assignment.type != "assignment_expression":
            continue
        left = syntax.unwrap(assignment.child_by_field_name("left"))
        if left is None or left.type != "identifier":
            continue
        wrapper = model.function_at(assignment)
        if wrapper is None or not wrapper.context or wrapper.context[0] != "returned":
            continue
        enclosing = wrapper.parent
        variable = model.resolve(left)
        if enclosing is None or variable is None or variable.scope.owner is not enclosing:
            continue  # a module-level or wrapper-local variable: not the enclosing call's context
        if not _calls_a_parameter(enclosing):
            continue
        what = _call_value(_final_value(assignment), wrapper, model)
        if what is None:
            continue
        key = (wrapper.node.start_byte, variable.node.start_byte)
        if key in seen:
            continue
        if _emptied(variable) or _read_before_written(variable, wrapper, model):
            continue
        seen.add(key)
        found.append(KeptCallArguments(wrapper, variable, assignment, what))
    return found


def _calls_a_parameter(function: Function) -> bool:
    """``function`` calls one of its parameters (`fn(…)`, `fn.apply(…)`, `fn.call(…)`): it wraps a function."""
    for param in function.params:
        for reference in param.reads:
            node = reference.node
            parent = node.parent
            if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == node:
                if syntax.text(parent.child_by_field_name("property")) not in ("apply", "call"):
                    continue
                node, parent = parent, parent.parent
            if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == node:
                return True
    return False


def _final_value(assignment):
    """The value of `a = b = value`: the right-hand side at the end of a chain of assignments."""
    value = syntax.unwrap(assignment.child_by_field_name("right"))
    while value is not None and value.type == "assignment_expression":
        value = syntax.unwrap(value.child_by_field_name("right"))
    return value


def _call_value(value, wrapper: Function, model) -> str | None:
    """What of the wrapper's call ``value`` is: its `arguments`, or one of its own parameters."""
    if value is None or value.type != "identifier":
        return None
    name = syntax.text(value)
    if name == "arguments" and wrapper.node.type != "arrow_function":
        return "its arguments"
    binding = model.resolve(value)
    if binding is not None and any(binding is param for param in wrapper.params):
        return f"its parameter `{name}`"
    return None


def _emptied(variable: Binding) -> bool:
    """Some write gives the variable `null`/`undefined`: it is let go after use."""
    for reference in variable.writes:
        parent = reference.node.parent
        if parent is None or parent.type != "assignment_expression":
            continue
        value = _final_value(parent)
        if value is None:
            continue
        text = syntax.text(value)
        if text in _EMPTY_VALUES or (value.type == "unary_expression" and text.startswith("void")):
            return True
    return False


def _read_before_written(variable: Binding, wrapper: Function, model) -> bool:
    """The wrapper reads the variable before its first write: it uses the previous call's value."""
    writes = [r.node.start_byte for r in variable.writes if model.function_at(r.node) is wrapper]
    if not writes:
        return False
    first = min(writes)
    return any(
        not r.is_write and r.node.start_byte < first and wrapper.node.start_byte <= r.node.start_byte < wrapper.node.end_byte
        for r in variable.references
    )
