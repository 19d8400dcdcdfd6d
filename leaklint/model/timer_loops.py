"""Timer loops: a function that schedules itself again with `setTimeout` or `requestAnimationFrame`.

`const tick = () => { poll(); setTimeout(tick, 5000) }; tick()` is an
interval written by hand: once started it runs for ever, keeping its closure
(a component's `this`, a request) reachable from the timer list, unless
something stops it. Each call that starts it from outside itself starts one
more loop, so a start per mount, per request or per event piles up loops.

A loop is recognised when a function's body, or a promise callback it
passes on (`.then(() => setTimeout(tick, 1000))`, up to three levels),
calls `setTimeout(f, …)` / `requestAnimationFrame(f)` / `setImmediate(f)`
(bare, or on `window` / `globalThis` / `self`) with ``f`` naming the
function itself: its declared name, `this.<method>` (also `.bind(this)`) for
a method, or a function expression whose body calls one of those. For
frequency (``self_scheduling_sites``) a listener's callback counts too: a
reconnect that re-arms from its 'close' listener runs again on every close.

A loop has a way to stop, and is left alone, when:

- the rescheduling is conditional: under an `if`, a `&&` / `||` / `?:`,
  inside a loop or a `try`, in a `.catch()` callback (a retry on failure),
  or after an early `return` / `throw` that an `if` guards in any block on
  the way (`if (!this.running) return;`);
- the scheduled callback calls the loop only under a condition of its own
  (`setTimeout(() => { if (this.active) this.poll() })`);
- its handle is kept (assigned, returned, passed on) and the file calls
  `clearTimeout` / `cancelAnimationFrame` anywhere.

A flag the loop reads without guarding the rescheduling (`if (this.active)
work(); setTimeout(tick)`) does not stop it: the loop idles, and keeps its
closure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.scopes import Function
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

LOOP_SCHEDULERS = ("setTimeout", "requestAnimationFrame", "setImmediate")
CANCELLERS = ("clearTimeout", "cancelAnimationFrame", "clearImmediate")
_GLOBAL_OBJECTS = frozenset({"window", "globalThis", "self", "global"})
_CONDITIONAL_PARENTS = frozenset(
    {
        "if_statement", "ternary_expression", "while_statement", "for_statement", "for_in_statement",
        "do_statement", "try_statement", "catch_clause", "switch_case", "switch_default",
    }
)


@dataclass(frozen=True)
class TimerLoop:
    """A function that reschedules itself on every run, with nothing that stops it."""

    function: Function
    reschedule: Node  # the `setTimeout(tick, …)` call inside it
    scheduler: str  # "setTimeout" / "requestAnimationFrame" / "setImmediate"
    starts: tuple[Node, ...]  # the calls from outside the loop that start it


def timer_loops(model: FileModel) -> list[TimerLoop]:
    """Every unstoppable self-scheduling function of the file, with the calls that start it."""
    loops: list[TimerLoop] = []
    cancels = bool(model.function_calls(*CANCELLERS) or model.method_calls(*CANCELLERS))
    seen: set[int] = set()
    for site in _scheduler_calls(model):
        if not site.arguments:
            continue
        function = _loop_function(model, site)
        if function is None or function.node.start_byte in seen:
            continue
        if _conditional(site.node, function) or (cancels and _handle_kept(site.node)):
            continue
        if _calls_itself_conditionally(model, site.argument(0), function):
            continue  # `setTimeout(() => { if (this.active) this.poll() }, …)`: the callback decides
        starts = _starts(model, function)
        if not starts:
            continue
        seen.add(function.node.start_byte)
        loops.append(TimerLoop(function, site.node, site.name or site.method or "setTimeout", tuple(starts)))
    return loops


def _loop_function(model: FileModel, site, any_callback: bool = False) -> Function | None:
    """The function the scheduled callback names: the one the call is in, or one it is a callback of.

    `const tick = () => fetch(u).then(() => setTimeout(tick, 1000))`: the
    rescheduling sits in a `.then` callback of `tick`; the callbacks between
    are followed up to three levels. Only promise callbacks, which run once
    the work is done, unless ``any_callback``: then also a listener's
    (`ws.on('close', () => setTimeout(connect, 1000))`, a reconnect that
    runs again on every close, not on a clock).
    """
    function = site.function
    for _ in range(4):
        if function is None:
            return None
        if _names_function(model, site.argument(0), function):
            return function
        context = function.context
        if not context or context[0] != "argument":
            return None
        if not any_callback and model.call_site(context[1]).method not in _PROMISE_CALLBACKS:
            return None
        function = function.parent
    return None


_PROMISE_CALLBACKS = frozenset({"then", "finally"})


# AngularJS's injected `setTimeout` (`$timeout(fn, ms)`, `this.$timeout(…)` in a class; cancelled with
# `$timeout.cancel(p)`): a loop that re-arms itself with it runs on every tick (frequency only: the
# unstoppable-loop check knows no `.cancel`).
INJECTED_SCHEDULERS = ("$timeout",)


def _scheduler_calls(model: FileModel, injected: bool = False):
    for site in model.function_calls(*LOOP_SCHEDULERS):
        yield site
    if injected:
        for site in model.function_calls(*INJECTED_SCHEDULERS):
            binding = model.resolve(site.callee)
            if binding is None or binding.kind == "param":  # injected into the factory or controller
                yield site
        for site in model.method_calls(*INJECTED_SCHEDULERS):
            receiver = syntax.unwrap(site.receiver)
            if receiver is not None and receiver.type == "this":  # `this.$timeout(…)`: injected into a class
                yield site
    for site in model.method_calls(*LOOP_SCHEDULERS):
        receiver = syntax.unwrap(site.receiver)
        if receiver is not None and receiver.type == "identifier" and syntax.text(receiver) in _GLOBAL_OBJECTS:
            yield site


def _own_names(function: Function) -> tuple[str | None, str | None]:
    """(the binding name a call would use, the method name `this.<m>` would use)."""
    context = function.context
    if context and context[0] == "method":
        return None, context[2]
    if context and context[0] == "declared":
        return context[1].name, None
    if context and context[0] == "property":  # `{ poll() { … } }`: `this.poll`
        name = function.name.rsplit(".", 1)[-1] if function.name else None
        return None, name
    return None, None


def _names_function(model: FileModel, argument: Node | None, function: Function) -> bool:
    """`tick`, `this.poll`, `this.poll.bind(this)`, `() => this.poll()`, `function () { tick() }`."""
    argument = syntax.unwrap(argument)
    if argument is None:
        return False
    if argument.type in syntax.FUNCTION_KINDS:
        body = argument.child_by_field_name("body")
        if body is None:
            return False
        calls = [body] if body.type == "call_expression" else _calls_in(body)
        return any(_is_self_reference(model, syntax.unwrap(c.child_by_field_name("function")), function) for c in calls)
    if argument.type == "call_expression":  # `this.poll.bind(this)`
        callee = syntax.unwrap(argument.child_by_field_name("function"))
        prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
        if prop is None or prop.text != b"bind":
            return False
        return _is_self_reference(model, syntax.unwrap(callee.child_by_field_name("object")), function)
    return _is_self_reference(model, argument, function)


def _calls_itself_conditionally(model: FileModel, argument: Node | None, function: Function) -> bool:
    """A scheduled callback whose every call of the loop is under a condition of the callback's own."""
    argument = syntax.unwrap(argument)
    if argument is None or argument.type not in syntax.FUNCTION_KINDS:
        return False
    body = argument.child_by_field_name("body")
    if body is None or body.type == "call_expression":
        return False
    own = [c for c in _calls_in(body) if _is_self_reference(model, syntax.unwrap(c.child_by_field_name("function")), function)]
    if not own:
        return False
    return all(_under_condition(call, body) for call in own)


def _calls_in(body: Node) -> list[Node]:
    """Calls in a callback's body, not inside functions nested in it."""
    found, stack = [], [body]
    while stack:
        node = stack.pop()
        if node.type == "call_expression":
            found.append(node)
        for child in node.named_children:
            if child.type not in syntax.FUNCTION_KINDS:
                stack.append(child)
    return found


def _is_self_reference(model: FileModel, node: Node | None, function: Function) -> bool:
    if node is None:
        return False
    binding_name, method_name = _own_names(function)
    if node.type == "identifier" and binding_name is not None:
        binding = model.resolve(node)
        declared = function.context[1] if function.context and function.context[0] == "declared" else None
        return binding is not None and binding is declared
    if node.type == "member_expression" and method_name is not None:
        obj = syntax.unwrap(node.child_by_field_name("object"))
        prop = node.child_by_field_name("property")
        return obj is not None and obj.type == "this" and prop is not None and syntax.text(prop) == method_name
    return False


def _conditional(call: Node, function: Function) -> bool:
    """Under an `if`, a loop, a `try`, `&&`/`||`/`?:`, a `.catch` retry, or after a guarded early `return`/`throw`."""
    return _under_condition(call, function.body, retries=True)


def _under_condition(node: Node, top: Node | None, retries: bool = False) -> bool:
    """Whether something between ``node`` and ``top`` may keep ``node`` from running.

    An `if`, a loop, a `try`, a `switch` case, the right side of `&&`/`||`/`??`,
    a guarded early `return`/`throw` before it in any block on the way, and,
    with ``retries``, a `.catch()` callback (a retry that runs only when the
    work fails).
    """
    while node is not None and node != top:
        parent = node.parent
        if parent is None:
            break
        if parent.type in _CONDITIONAL_PARENTS:
            return True
        if retries and parent.type == "arguments" and _failure_callback(parent, node):
            return True  # `.catch(() => setTimeout(tick))`
        if parent.type == "statement_block" and _guarded_exit_before(parent, node):
            return True  # `if (!pids.length) return done(); setTimeout(check, 1000)`
        if parent.type == "binary_expression" and parent.child_by_field_name("right") == node:
            operator = parent.child_by_field_name("operator")
            if operator is not None and operator.text in (b"&&", b"||", b"??"):
                return True
        node = parent
    return False


def _guarded_exit_before(block: Node, child: Node) -> bool:
    """An `if` before ``child`` in ``block`` whose branch returns or throws."""
    for statement in block.named_children:
        if statement.start_byte >= child.start_byte:
            break
        if statement.type == "if_statement" and _exits(statement):
            return True
    return False


def _failure_callback(arguments: Node, argument: Node) -> bool:
    """`p.catch(cb)` or the second argument of `p.then(ok, cb)`."""
    call = arguments.parent
    callee = syntax.unwrap(call.child_by_field_name("function")) if call is not None else None
    prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
    if prop is None:
        return False
    if prop.text == b"catch":
        return True
    named = [a for a in arguments.named_children if a.type != "comment"]
    return prop.text == b"then" and len(named) > 1 and named[1] == argument


def _exits(statement: Node) -> bool:
    """An `if` whose branch returns or throws: the code after it may not run."""
    stack = [statement.child_by_field_name("consequence")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if node.type in ("return_statement", "throw_statement"):
            return True
        if node.type in syntax.FUNCTION_KINDS:
            continue
        stack.extend(node.named_children)
    return False


def _handle_kept(call: Node) -> bool:
    parent = call.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression"):
        parent = parent.parent
    return parent is not None and parent.type not in ("expression_statement", "sequence_expression")


def _starts(model: FileModel, function: Function) -> list[Node]:
    """Calls of the loop's function from outside its own body: each starts one more loop."""
    binding_name, method_name = _own_names(function)
    start, end = function.node.start_byte, function.node.end_byte
    found = []
    if binding_name is not None:
        for site in model.function_calls(binding_name):
            if not start <= site.node.start_byte < end and _is_self_reference(
                model, syntax.unwrap(site.node.child_by_field_name("function")), function
            ):
                found.append(site.node)
    if method_name is not None:
        for site in model.method_calls(method_name):
            receiver = syntax.unwrap(site.receiver)
            if receiver is not None and receiver.type == "this" and not start <= site.node.start_byte < end:
                found.append(site.node)
    for site in _scheduler_calls(model):  # `requestAnimationFrame(loop)` from outside starts it too
        if not start <= site.node.start_byte < end and site.arguments and _names_function(model, site.argument(0), function):
            found.append(site.node)
    return sorted(found, key=lambda n: n.start_byte)


def self_scheduling_sites(model: FileModel) -> dict[int, tuple[Node, str]]:
    """Function start byte -> (the rescheduling call, the scheduler) for every function that re-arms itself.

    Unlike ``timer_loops`` this keeps loops that can stop (`if (this.active)
    setTimeout(tick)`): while they run, they run once per tick. AngularJS's
    injected `$timeout` counts too. A reschedule only on failure
    (`.catch(() => setTimeout(retry))`) is a retry, not a tick.
    """
    found: dict[int, tuple[Node, str]] = {}
    for site in _scheduler_calls(model, injected=True):
        if not site.arguments:
            continue
        function = _loop_function(model, site, any_callback=True)
        if function is None or function.node.start_byte in found or _in_failure_callback(site.node, function):
            continue
        found[function.node.start_byte] = (site.node, site.name or site.method or "setTimeout")
    return found


def _in_failure_callback(call: Node, function: Function) -> bool:
    node = call
    while node is not None and node != function.node:
        parent = node.parent
        if parent is not None and parent.type == "arguments" and _failure_callback(parent, node):
            return True
        node = parent
    return False
