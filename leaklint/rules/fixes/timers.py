"""LL004 fixes: keep the interval's handle and clear it where the work ends."""

from __future__ import annotations

from leaklint import syntax
from leaklint.findings import Applicability, Edit, Fix
from leaklint.model import FileModel
from leaklint.model.timers import Interval
from leaklint.rules.fixes import (
    block_end_insert,
    camel,
    fresh_name,
    insert_after,
    insert_before,
    is_expression_statement_of,
    request_end_target,
    statement_of,
)

# Existing methods of a class that end its instances' work, in the order they are preferred.
STOP_METHODS = ("stop", "close", "destroy", "dispose", "componentWillUnmount", "onModuleDestroy", "ngOnDestroy")


def clear_interval_fix(model: FileModel, interval: Interval) -> Fix | None:
    """The first fix shape that applies to this interval, or None."""
    if interval.overwrite is not None:
        return _clear_before_overwrite(model, interval)
    if interval.is_cleared or interval.escape is not None or interval.unref is not None:
        return None
    return (
        _clear_in_effect_cleanup(model, interval)
        or _clear_in_stop_method(model, interval)
        or _clear_on_request_end(model, interval)
    )


EFFECT_HOOKS = frozenset({"useEffect", "useLayoutEffect", "React.useEffect", "React.useLayoutEffect"})


def effect_callback(function) -> bool:
    """Whether ``function`` is the callback passed first to React's useEffect/useLayoutEffect."""
    if function is None or function.context[:1] != ("argument",) or function.context[2] != 0:
        return False
    call = function.context[1]
    callee = call.child_by_field_name("function") if call is not None else None
    return callee is not None and syntax.text(callee) in EFFECT_HOOKS


def _clear_in_effect_cleanup(model: FileModel, interval: Interval) -> Fix | None:
    """In a `useEffect` callback: keep the handle and `return () => clearInterval(handle);`.

    Unsafe: React now stops the timer when the component unmounts or the
    effect re-runs, which is what an effect's cleanup is for; code that relied
    on the timer outliving the component changes behaviour.
    """
    function = interval.site.function
    if not effect_callback(function) or function.body is None or function.body.type != "statement_block":
        return None
    if any(model.function_at(n) is function for n in model.nodes("return")):
        return None  # the effect already returns a cleanup (or returns early): merging is a person's call
    source = model.source
    edits: list[Edit] = []
    statement = _discarded_statement(interval)
    if statement is not None and statement.parent == function.body:
        name = _handle_name(model, interval)
        edits.append(Edit(statement.start_byte, statement.start_byte, f"const {name} = "))
    elif len(interval.slots) == 1 and interval.slots[0].kind == "binding" and interval.slots[0].node.type == "variable_declarator":
        declaration = statement_of(interval.slots[0].node)
        if declaration is None or declaration.parent != function.body:
            return None
        name = interval.slots[0].label
    else:
        return None
    cleanup = block_end_insert(source, function.body, f"return () => clearInterval({name});")
    if cleanup is None:
        return None
    edits.append(cleanup)
    return Fix("Keep the handle and clear it in the effect's cleanup", tuple(edits), Applicability.UNSAFE)


def _clear_before_overwrite(model: FileModel, interval: Interval) -> Fix | None:
    """`start()` storing a new handle over a running one: `clearInterval(old)` first.

    Unsafe: a caller that meant to run two timers at once now runs one.
    """
    slot = interval.slots[0]
    statement = statement_of(interval.overwrite)
    left = interval.overwrite.child_by_field_name("left")
    if statement is None or left is None or "(" in syntax.text(left):
        return None
    text = f"clearInterval({syntax.text(left)});"
    return Fix(f"Clear the interval in `{slot.label}` before storing a new one", (insert_before(model.source, statement, text),), Applicability.UNSAFE)


def _handle_name(model: FileModel, interval: Interval) -> str:
    """`reportProgressTimer` for `setInterval(() => reportProgress(job))`, `tickTimer` for `setInterval(tick)`."""
    callback = syntax.unwrap(interval.callback)
    callee = None
    if callback is not None and callback.type == "identifier":
        callee = syntax.text(callback)
    elif callback is not None and callback.type == "arrow_function":
        body = syntax.unwrap(callback.child_by_field_name("body"))
        if body is not None and body.type == "call_expression":
            function = body.child_by_field_name("function")
            if function is not None and function.type in ("identifier", "member_expression"):
                callee = syntax.text(function).rsplit(".", 1)[-1]
    base = camel([callee, "timer"]) if callee and camel([callee]) else "intervalTimer"
    return fresh_name(model, base)


def _discarded_statement(interval: Interval):
    statement = statement_of(interval.site.node)
    return statement if interval.discarded and is_expression_statement_of(statement, interval.site.node) else None


def _clear_on_request_end(model: FileModel, interval: Interval) -> Fix | None:
    """Per-request interval: keep the handle, `res.on('close', () => clearInterval(handle))`.

    Unsafe: the timer stops when the response closes; a timer that was meant
    to keep running after the response (a job that outlives it) stops too.
    """
    target = request_end_target(model, interval.site.function)
    if target is None:
        return None
    end_name = target[0]
    source = model.source
    edits: list[Edit] = []
    statement = _discarded_statement(interval)
    if statement is not None:
        name = _handle_name(model, interval)
        edits.append(Edit(statement.start_byte, statement.start_byte, f"const {name} = "))
    elif len(interval.slots) == 1 and interval.slots[0].kind == "binding" and interval.slots[0].node.type == "variable_declarator":
        name = interval.slots[0].label
        statement = statement_of(interval.slots[0].node)
        if statement is None or statement.type != "lexical_declaration":
            return None
    else:
        return None
    edits.append(insert_after(source, statement, f"{end_name}.on('close', () => clearInterval({name}));"))
    return Fix(f"Keep the handle and clear it when `{end_name}` closes", tuple(edits), Applicability.UNSAFE)


def _clear_in_stop_method(model: FileModel, interval: Interval) -> Fix | None:
    """In a class with a stop/close/destroy method: keep the handle in a field and clear it there.

    Unsafe: stopping the instance now also stops the timer (the intent, but
    a behaviour change for code that kept using the instance afterwards).
    """
    function = interval.site.function
    info = function.class_info if function is not None else None
    if info is None or function.method_name in STOP_METHODS:
        return None
    stop = next((info.methods[m][0] for m in STOP_METHODS if info.methods.get(m)), None)
    if stop is None or stop.body is None or stop.body.type != "statement_block":
        return None
    source = model.source
    edits: list[Edit] = []
    statement = _discarded_statement(interval)
    if statement is not None:
        field_name = _handle_name(model, interval)
        edits.append(Edit(statement.start_byte, statement.start_byte, f"this.{field_name} = "))
        handle = f"this.{field_name}"
    elif len(interval.slots) == 1 and interval.slots[0].kind == "path" and interval.slots[0].label.startswith("this."):
        handle = interval.slots[0].label
    else:
        return None
    end = block_end_insert(source, stop.body, f"clearInterval({handle});")
    if end is None:
        return None
    edits.append(end)
    method = stop.method_name
    return Fix(f"Keep the handle in `{handle}` and clear it in `{method}()`", tuple(edits), Applicability.UNSAFE)
