"""Interval timers: every `setInterval`, where its handle goes, and what clears it.

A fact shared by rules that care whether a repeating timer can ever stop.
Only the runtime's own functions count: the global `setInterval` (also as
`globalThis.`/`window.`/`global.setInterval`) and the one imported from
`timers`/`node:timers`; a local function that shadows the name is not a timer.

For each interval the index records where its handle is kept (a binding, a
field or other access path, a property of an object literal), whether it is
discarded or escapes where this file cannot follow it (returned, passed on),
the calls that clear it (`clearInterval`, `clearTimeout`, `handle.close()`,
`clearInterval(this)` from its own plain-function callback), and, for a
handle kept in a slot that outlives the call, the store that can overwrite a
running handle without clearing it first.  It also lists `clearInterval()`
calls that can never clear anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import EFFECT_HOOKS, AccessPath, CallSite, HandlerKind, describe_path
from leaklint.model.frequency import Evidence, Frequency, FrequencyFact
from leaklint.model.factory_slots import members_reading, returned_object_slot
from leaklint.model.hook_calls import closure_slot_of_instance, once_per_instance_caller
from leaklint.model.imports import bare_module, calls_of_imported, destructured_key, imported_name, module_of
from leaklint.model.scopes import FUNCTION_KINDS, Binding, ClassInfo, Function, ScopeKind
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

TIMER_MODULES = frozenset({"timers"})
GLOBAL_OBJECTS = frozenset({"globalThis", "window", "global", "self"})
CLEARING_FUNCTIONS = ("clearInterval", "clearTimeout")
TIMER_FUNCTIONS = ("setInterval", *CLEARING_FUNCTIONS)
# Methods a framework calls once per instance: storing a handle there cannot
# overwrite an earlier one of the same instance.
ONCE_PER_INSTANCE_METHODS = frozenset(
    {
        "constructor",
        "componentDidMount",
        "onModuleInit",
        "onApplicationBootstrap",
        "ngOnInit",
        "connectedCallback",
        "firstUpdated",
    }
)
# Vue options-API hooks that run once per component instance.
VUE_CREATION_HOOKS = frozenset({"beforeCreate", "created", "beforeMount", "mounted"})
NOT_A_HANDLE_LITERALS = frozenset(
    {"null", "undefined", "number", "string", "template_string", "true", "false", "object", "array", *FUNCTION_KINDS}
)
_TRANSPARENT = frozenset(
    {"parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression", "type_assertion"}
)
_VALUE_PASSING = _TRANSPARENT | {"ternary_expression", "binary_expression", "sequence_expression"}
_CONDITIONAL = frozenset(
    {"if_statement", "else_clause", "ternary_expression", "switch_case", "switch_default", "catch_clause"}
)
_ASSIGNMENTS = ("assignment_expression", "augmented_assignment_expression")
_EXIT_WORDS = re.compile(rb"\b(?:return|throw)\b")
_THIS = re.compile(rb"\bthis\b")


@dataclass(frozen=True)
class Slot:
    """Where a handle is kept: a binding, an access path (`this.timer`), or an object-literal property."""

    kind: str  # binding | path | property | state (`this.setState({ timer })`)
    label: str  # `timer`, `this.timer`, `interval`, `this.state.timer`
    node: Node  # the declaration or assignment that stores the handle
    binding: Binding | None = None
    path: AccessPath | None = None
    prop: str | None = None  # the last property name, for loose matching across aliases (`self.timer`)


@dataclass(eq=False)
class ClearCall:
    """`clearInterval(x)`, `clearTimeout(x)` or `x.close()`, with what `x` is."""

    site: CallSite
    function_name: str  # clearInterval | clearTimeout | close
    argument: Node | None
    binding: Binding | None = None
    path: AccessPath | None = None
    prop: str | None = None


@dataclass(eq=False)
class Interval:
    """One `setInterval(...)` call and everything the file does with its handle."""

    site: CallSite
    callback: Node | None
    callback_function: Function | None  # the callback, or the function a callback name refers to
    handle: Node  # the expression whose value is the handle: the call, or `setInterval(…).unref()`
    owner_class: ClassInfo | None = None  # set when created in a class field initialiser
    slots: list[Slot] = field(default_factory=list)
    discarded: bool = False
    escape: Node | None = None  # where the handle goes somewhere this file cannot follow
    unref: Node | None = None
    clears: list[ClearCall] = field(default_factory=list)
    overwrite: Node | None = None  # a store that can replace a running handle without clearing it

    @property
    def is_cleared(self) -> bool:
        """Some call in the file clears this interval."""
        return bool(self.clears)


@dataclass(frozen=True)
class IneffectiveClear:
    """A `clearInterval()` that can never clear a timer, and why."""

    clear: ClearCall
    reason: str
    node: Node | None = None  # the declaration that shows it


@dataclass
class TimerIndex:
    """Every interval, every clearing call and the ineffective ones, in one file."""

    intervals: list[Interval]
    clears: list[ClearCall]
    ineffective: list[IneffectiveClear]


def timer_index(model: FileModel) -> TimerIndex:
    """Build (once per file, through ``model.fact``) the interval and clear index."""
    calls = _timer_calls(model)
    clears = [_clear_call(model, site, name) for site, name in calls if name in CLEARING_FUNCTIONS]
    intervals = [_interval(model, site) for site, name in calls if name == "setInterval"]
    if intervals:
        clears += _close_calls(model)
        clears += _linked_helper_clears(model)
        _match_clears(model, intervals, clears)
        _find_passed_paths(model, intervals)
        for interval in intervals:
            interval.overwrite = _overwrite(model, interval)
    ineffective = []
    if any(not interval.is_cleared for interval in intervals):
        # only while some interval in the file is left running can a clear that misses matter
        ineffective = [found for clear in clears if (found := _ineffective(model, clear)) is not None]
    return TimerIndex(intervals, clears, ineffective)


# -- which calls are the runtime's timer functions -----------------------------


def _timer_calls(model: FileModel) -> list[tuple[CallSite, str]]:
    found: dict[int, tuple[CallSite, str]] = {}
    for site in model.function_calls(*TIMER_FUNCTIONS):
        if model.is_global(site.callee, site.name):
            found[site.node.start_byte] = (site, site.name)
    for site in model.method_calls(*TIMER_FUNCTIONS):
        receiver = syntax.unwrap(site.receiver)
        if receiver is None or receiver.type != "identifier":
            continue
        if syntax.text(receiver) in GLOBAL_OBJECTS and model.is_global(receiver):
            found[site.node.start_byte] = (site, site.method)
        elif (module := module_of(model, receiver)) is not None and bare_module(module) in TIMER_MODULES:
            found[site.node.start_byte] = (site, site.method)
    for binding in model.module_scope.bindings.values():
        imported = imported_name(binding)
        if imported is None or bare_module(imported[0]) not in TIMER_MODULES or imported[1] not in TIMER_FUNCTIONS:
            continue
        for reference in binding.references:
            call = reference.node.parent
            if call is None or call.type != "call_expression":
                continue
            if call.child_by_field_name("function") == reference.node:
                found[call.start_byte] = (model.call_site(call), imported[1])
    return [found[key] for key in sorted(found)]


# -- clearing calls -------------------------------------------------------------


def _clear_call(model: FileModel, site: CallSite, name: str) -> ClearCall:
    argument = site.argument(0)
    clear = ClearCall(site, name, argument)
    _describe_value(model, clear, argument)
    return clear


def _describe_value(model: FileModel, clear: ClearCall, node: Node | None) -> None:
    node = syntax.unwrap(node)
    if node is None:
        return
    if node.type == "identifier":
        clear.binding = model.resolve(node)
        if clear.binding is not None and clear.binding.destructured_from is not None:
            clear.prop = destructured_key(clear.binding.node)  # `const { timer } = this`
        elif clear.binding is None:
            clear.path = model.access_path(node)
        return
    if node.type in ("member_expression", "subscript_expression"):
        clear.path = model.access_path(node)
        clear.prop = last_property(node)


def parameter_clears(model: FileModel, function: Function) -> list[tuple[int, str]]:
    """The (parameter index, field path) pairs ``function`` clears: `clearInterval(ctx.websocket.pingId)`
    in `handleConnectionClose(ctx, …)` gives (0, "websocket.pingId").

    Only clears made by the function itself (not by a function nested in it), of a field path
    of one of its plain parameters, count.  The summary hands them to the files that call the
    function (``ProjectSummary``): a call there passing the object that holds a handle clears it.
    """
    found: list[tuple[int, str]] = []
    targets = function.argument_targets()
    for site in model.function_calls(*CLEARING_FUNCTIONS):
        if site.function is not function or not model.is_global(site.callee, site.name):
            continue
        path = model.access_path(site.argument(0))
        if path is None or len(path) < 2 or not isinstance(path[0], Binding) or path[0].kind != "param":
            continue
        index = next((i for i, t in enumerate(targets) if t is not None and t.start_byte == path[0].node.start_byte), -1)
        if index >= 0 and (index, ".".join(path[1:])) not in found:
            found.append((index, ".".join(path[1:])))
    return found


def _linked_helper_clears(model: FileModel) -> list[ClearCall]:
    """Calls of another file's function that clears a field path of the argument it is given (project link).

    `handleConnectionClose(ctx, …)`, whose body does `clearInterval(ctx.websocket.pingIntervalId)`,
    clears the handle this file keeps in `ctx.websocket.pingIntervalId`: the call stands for a clear of
    that exact path (not of any field of that name, as a clear written here would).
    """
    cleared = model.external.cleared_arguments
    if not cleared:
        return []
    found = []
    for (local, member), (index, fields) in cleared:
        for call in calls_of_imported(model, local, member):
            if index >= len(call.arguments):
                continue
            path = model.access_path(call.argument(index))
            if path is None:
                continue
            clear = ClearCall(call, "clearInterval", call.argument(index))
            clear.path = (*path, *fields.split("."))
            found.append(clear)
    return found


def background_timer(model: FileModel, interval: Interval) -> str | None:
    """The class an `unref()`'d, never-cleared interval of its constructor (or set-up) runs beside for the
    instance's whole life, when that class has no way to stop and nothing makes it repeatedly; else None.

    `constructor() { this._timer = setInterval(() => this._purge(), n).unref(); }` in a map with no
    `close()`: a sweep meant to last as long as the instance (``services.unstoppable_instance_member``).
    """
    from leaklint.model.services import unstoppable_instance_member

    if interval.is_cleared or unref_call(model, interval) is None:
        return None
    return unstoppable_instance_member(model, interval.site.function)


def background_timer_classes(model: FileModel) -> tuple[str, ...]:
    """The classes of the file with a ``background_timer``: the summary hands them to the link, which says
    whether the project makes them over and over (then the timers are reported after all)."""
    if b"unref" not in model.source or b"setInterval" not in model.source:
        return ()
    names = {name for interval in model.fact("timers", timer_index).intervals if (name := background_timer(model, interval))}
    return tuple(sorted(names))


def unref_call(model: FileModel, interval: Interval) -> Node | None:
    """The `.unref()` of the handle: chained (`setInterval(…).unref()`) or on its slot in the same
    function (`this.timer = setInterval(…); this.timer.unref()`), else None."""
    if interval.unref is not None:
        return interval.unref
    for site in model.method_calls("unref"):
        if site.function is not interval.site.function or site.receiver is None or site.arguments:
            continue
        call = ClearCall(site, "unref", site.receiver)
        _describe_value(model, call, site.receiver)
        if _clears(model, interval, call):
            return site.node
    return None


def _close_calls(model: FileModel) -> list[ClearCall]:
    """`handle.close()`: a Timeout's own way to stop."""
    found = []
    for site in model.method_calls("close"):
        if site.arguments or site.receiver is None:
            continue
        clear = ClearCall(site, "close", site.receiver)
        _describe_value(model, clear, site.receiver)
        if clear.binding is not None or clear.path is not None or clear.prop is not None:
            found.append(clear)
    return found


def last_property(node: Node | None) -> str | None:
    """`timer` for `this.timer`, `a.b.timer`, `this['timer']`, `this[kTimer]` (the key's text)."""
    node = syntax.unwrap(node)
    if node is None:
        return None
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return syntax.text(prop) if prop is not None else None
    if node.type == "subscript_expression":
        index = node.child_by_field_name("index")
        if index is None:
            return None
        return syntax.string_value(index) or syntax.text(index)
    return None


# -- where a handle goes ----------------------------------------------------------


def _interval(model: FileModel, site: CallSite) -> Interval:
    callback = site.argument(0)
    handle, unref = _handle_expression(site.node)
    interval = Interval(site, callback, _callback_function(model, callback), handle, unref=unref)
    if site.function is None:
        scope = model.scope_at(site.node)
        while scope is not None and scope.kind is not ScopeKind.CLASS:
            scope = scope.parent
        interval.owner_class = scope.class_info if scope is not None else None
    consumer, value = _consumer(handle)
    _place_handle(model, interval, consumer, value)
    for slot in list(interval.slots):
        if slot.kind == "binding":
            _follow_binding(model, interval, slot.binding)
    return interval


def _handle_expression(call: Node) -> tuple[Node, Node | None]:
    """`setInterval(…)`, or `setInterval(…).unref()`: `unref`/`ref` return the same handle."""
    node, unref = call, None
    while True:
        parent = node.parent
        if parent is None:
            break
        if parent.type in _TRANSPARENT:
            node = parent
            continue
        if parent.type == "member_expression" and parent.child_by_field_name("object") == node:
            prop = parent.child_by_field_name("property")
            name = syntax.text(prop) if prop is not None else ""
            grand = parent.parent
            if name in ("unref", "ref") and grand is not None and grand.type == "call_expression":
                if name == "unref":
                    unref = grand
                node = grand
                continue
        break
    return node, unref


def _consumer(node: Node) -> tuple[Node | None, Node]:
    """The node that receives an expression's value, looking through `a || b`, `c ? a : b`, `(a, b)`."""
    while True:
        parent = node.parent
        if parent is None or parent.type not in _VALUE_PASSING:
            return parent, node
        if parent.type == "ternary_expression" and parent.child_by_field_name("condition") == node:
            return parent, node
        if parent.type == "binary_expression":
            operator = parent.child_by_field_name("operator")
            if operator is None or operator.type not in ("||", "??", "&&"):
                return parent, node
        node = parent


def _place_handle(model: FileModel, interval: Interval, consumer: Node | None, value: Node) -> None:
    if consumer is None:
        interval.escape = value
        return
    kind = consumer.type
    if kind == "expression_statement" or _operand_of_new_value(consumer, value):
        interval.discarded = True
    elif kind == "variable_declarator" and consumer.child_by_field_name("value") == value:
        name = consumer.child_by_field_name("name")
        binding = model.scopes.binding_at.get(name.start_byte) if name is not None else None
        if binding is None:
            interval.escape = consumer  # destructured: `const { a } = setInterval(…)` is nonsense anyway
        else:
            interval.slots.append(Slot("binding", binding.name, consumer, binding=binding))
    elif kind in _ASSIGNMENTS and consumer.child_by_field_name("right") == value:
        slot = target_slot(model, consumer.child_by_field_name("left"), consumer)
        if slot is None:
            interval.escape = consumer
        else:
            interval.slots.append(slot)
    elif kind == "pair" and consumer.child_by_field_name("value") == value:
        key = consumer.child_by_field_name("key")
        name = syntax.string_value(key) or (syntax.text(key) if key is not None else "?")
        holder, _ = _consumer(consumer.parent) if consumer.parent is not None else (None, None)
        state = state_slot(model, consumer)
        if state is not None:
            interval.slots.append(state)
        elif holder is None or holder.type not in ("variable_declarator", "assignment_expression"):
            interval.escape = consumer  # the object holding the handle is returned or passed on
        else:
            interval.slots.append(Slot("property", name, consumer, prop=name))
    elif kind in ("field_definition", "public_field_definition"):
        slot = _field_slot(model, consumer)
        if slot is None:
            interval.escape = consumer
        else:
            interval.slots.append(slot)
    else:
        interval.escape = consumer  # returned, passed to a call, put in an array, awaited …


def _operand_of_new_value(consumer: Node, value: Node) -> bool:
    """The handle is an operand of an operator that makes a new value of it: `a - h`, `h > 0`, `!h`, `void h`.

    `this.interval - setInterval(…)` (react-native-progress-hud's typo for `=`,
    round 11) keeps neither the handle nor anything that leads back to it,
    whatever is done with the difference: the handle is discarded.  `||`, `??`
    and `&&` pass the handle itself on (``_consumer`` looks through them), and
    so does a conditional's branch; its condition is only tested.
    """
    kind = consumer.type
    if kind in ("binary_expression", "unary_expression"):
        return True
    return kind == "ternary_expression" and consumer.child_by_field_name("condition") == value


def target_slot(model: FileModel, left: Node | None, store: Node) -> Slot | None:
    """The slot an assignment's left side names."""
    left = syntax.unwrap(left)
    if left is None:
        return None
    if left.type == "identifier":
        binding = model.resolve(left)
        if binding is not None:
            return Slot("binding", binding.name, store, binding=binding)
        path = model.access_path(left)
        return Slot("path", syntax.text(left), store, path=path, prop=syntax.text(left))
    if left.type in ("member_expression", "subscript_expression"):
        path = model.access_path(left)
        label = describe_path(path) if path is not None else model.node_text(left, 40)
        return Slot("path", label, store, path=path, prop=last_property(left))
    return None


def state_slot(model: FileModel, pair: Node) -> Slot | None:
    """`timer: handle` (or `timer` alone) in `x.setState({ timer: handle })`: the handle is kept in the
    component's `state.timer`.

    React keeps the object's properties in `x.state`, as long as the
    component instance lives; `clearInterval(this.state.timer)` (or any read
    of `.timer`) is what clears it.  The slot's kind is "state".
    """
    obj = pair.parent
    arguments = obj.parent if obj is not None and obj.type == "object" else None
    call = arguments.parent if arguments is not None and arguments.type == "arguments" else None
    if call is None or call.type != "call_expression" or not arguments.named_children or arguments.named_children[0] != obj:
        return None
    site = model.call_site(call)
    if site.method != "setState" or site.receiver is None:
        return None
    if pair.type == "shorthand_property_identifier":
        name = syntax.text(pair)
    else:
        key = pair.child_by_field_name("key")
        name = syntax.string_value(key) or (
            syntax.text(key) if key is not None and key.type == "property_identifier" else None
        )
    if not name:
        return None
    holder = model.node_text(site.receiver, 30)
    return Slot("state", f"{holder}.state.{name}", pair, prop=name)


def _field_slot(model: FileModel, definition: Node) -> Slot | None:
    scope = model.scope_at(definition)
    info = scope.class_info if scope.kind is ScopeKind.CLASS else None
    name = definition.child_by_field_name("property") or definition.child_by_field_name("name")
    if info is None or name is None:
        return None
    prop = syntax.text(name)
    return Slot("path", f"this.{prop}", definition, path=(("this", info.node.start_byte), prop), prop=prop)


def _follow_binding(model: FileModel, interval: Interval, binding: Binding | None) -> None:
    """Reads of a handle binding: aliases become slots; passing it on is an escape."""
    if binding is None:
        return
    for reference in binding.references:
        if reference.is_write:
            continue
        node = reference.node
        if node.type == "shorthand_property_identifier":
            state = state_slot(model, node)
            if state is not None:
                interval.slots.append(state)  # `this.setState({ timer })`
            else:
                interval.escape = interval.escape or node  # `{ timer }`: stored in an object
            continue
        consumer, value = _consumer(node)
        if consumer is None:
            continue
        kind = consumer.type
        if kind == "arguments":
            call = consumer.parent
            if not _is_clearing_call(call):
                interval.escape = interval.escape or node
        elif kind == "member_expression":
            continue  # `timer.unref()`, `timer.close()` (a clear, matched later), `timer.hasRef()`
        elif kind == "variable_declarator" and consumer.child_by_field_name("value") == value:
            name = consumer.child_by_field_name("name")
            alias = model.scopes.binding_at.get(name.start_byte) if name is not None else None
            if alias is not None:
                interval.slots.append(Slot("binding", alias.name, consumer, binding=alias))
        elif kind in ("assignment_expression", "augmented_assignment_expression"):
            if consumer.child_by_field_name("right") == value:
                slot = target_slot(model, consumer.child_by_field_name("left"), consumer)
                if slot is not None:
                    interval.slots.append(slot)
        elif kind == "pair" and consumer.child_by_field_name("value") == value and (
            state := state_slot(model, consumer)
        ) is not None:
            interval.slots.append(state)  # `this.setState({ timer: id })`
        elif kind in ("return_statement", "array", "pair", "spread_element", "arrow_function", "await_expression",
                      "yield_expression", "new_expression", "call_expression"):
            interval.escape = interval.escape or node
        # conditions, comparisons, `typeof`, `!timer`: reading is not keeping


def _is_clearing_call(call: Node | None) -> bool:
    if call is None or call.type != "call_expression":
        return False
    callee = syntax.unwrap(call.child_by_field_name("function"))
    if callee is None:
        return False
    if callee.type == "member_expression":
        prop = callee.child_by_field_name("property")
        return prop is not None and syntax.text(prop) in CLEARING_FUNCTIONS
    return syntax.text(callee) in CLEARING_FUNCTIONS


def _callback_function(model: FileModel, callback: Node | None) -> Function | None:
    callback = syntax.unwrap(callback)
    if callback is None:
        return None
    if callback.type in FUNCTION_KINDS:
        return model.function_of(callback)
    if callback.type == "identifier":
        binding = model.resolve(callback)
        if binding is None:
            return None
        if binding.kind == "function":
            return model.function_of(binding.declaration)
        init = syntax.unwrap(binding.init)
        if init is not None and init.type in FUNCTION_KINDS:
            return model.function_of(init)
    return None


# -- matching clears to intervals -------------------------------------------------


def _match_clears(model: FileModel, intervals: list[Interval], clears: list[ClearCall]) -> None:
    for interval in intervals:
        for clear in clears:
            if _clears(model, interval, clear):
                interval.clears.append(clear)


def _clears(model: FileModel, interval: Interval, clear: ClearCall) -> bool:
    argument = syntax.unwrap(clear.argument)
    if argument is not None and argument.type == "this":
        return _is_own_callback(model, interval, argument)
    for slot in interval.slots:
        if slot.kind == "binding":
            if clear.binding is slot.binding:
                return True
        elif clear.prop is not None and clear.prop == slot.prop:
            if _other_this(model, slot, clear):
                continue  # `this.con` stored by a method, "cleared" in a plain callback whose `this` is another object
            return True  # same field name: `this.timer`, `self.timer`, `state.timer`
        elif slot.path is not None and clear.path == slot.path:
            return True
    return False


def _this_function(model: FileModel, node: Node) -> Function | None:
    """The function whose `this` a node sees: the nearest enclosing function that is not an arrow."""
    function = model.function_at(node)
    function = function.this_owner if function is not None else None
    return function


def _other_this(model: FileModel, slot: Slot, clear: ClearCall) -> bool:
    """The slot is `this.x` in a method and the clear reads `this.x` in a plain `function` nested in that
    method and handed to other code (a callback argument or a local): its `this` is whatever the caller
    passes (the socket, the emitter), not the method's object. `.bind()`, `.call()`, `.apply()` opt out."""
    stored = syntax.unwrap(slot.node.child_by_field_name("left")) if slot.node.type == "assignment_expression" else None
    argument = syntax.unwrap(clear.argument)
    if stored is None or argument is None or stored.type != "member_expression" or argument.type != "member_expression":
        return False
    if syntax.unwrap(stored.child_by_field_name("object")).type != "this":
        return False
    if syntax.unwrap(argument.child_by_field_name("object")).type != "this":
        return False
    owner, reader = _this_function(model, stored), _this_function(model, argument)
    if owner is None or reader is None or owner is reader or not owner.contains(reader.node):
        return False
    if not owner.context or owner.context[0] not in ("method", "assigned", "property"):
        return False
    if not reader.context or reader.context[0] not in ("declared", "argument"):
        return False
    if reader.context[0] == "argument":
        site = model.call_site(reader.context[1])
        if site.method in ("call", "apply", "bind"):
            return False
        holder = reader.node.parent
        if holder is not None and holder.type == "member_expression":
            return False  # `function () {…}.bind(this)`
        return True
    binding = reader.context[1]
    for reference in getattr(binding, "references", ()):
        parent = reference.node.parent
        if parent is not None and parent.type == "member_expression":
            prop = parent.child_by_field_name("property")
            if prop is not None and prop.text in (b"bind", b"call", b"apply"):
                return False
    return True


def _is_own_callback(model: FileModel, interval: Interval, this_node: Node) -> bool:
    """`clearInterval(this)` in the interval's own `function () {}` callback: `this` is the Timeout."""
    callback = syntax.unwrap(interval.callback)
    if callback is None or callback.type not in ("function_expression", "function"):
        return False
    function = model.function_at(this_node)
    function = function.this_owner if function is not None else None
    return function is not None and function.node == callback


def _find_passed_paths(model: FileModel, intervals: list[Interval]) -> None:
    """A handle field passed to some other function (`stopTimer(this.timer)`) is that function's to clear."""
    wanted: dict[str, list[Interval]] = {}
    for interval in intervals:
        if interval.clears or interval.escape is not None:
            continue
        for slot in interval.slots:
            if slot.kind != "binding" and slot.prop is not None:
                wanted.setdefault(slot.prop, []).append(interval)
    if not wanted:
        return
    for call in model.nodes("call"):
        if _is_clearing_call(call):
            continue
        arguments = call.child_by_field_name("arguments")
        if arguments is None:
            continue
        for argument in arguments.named_children:
            prop = last_property(argument)
            for interval in wanted.get(prop, ()) if prop is not None else ():
                interval.escape = interval.escape or argument


# -- overwriting a running handle -------------------------------------------------


def _holder_replaced_before(model: FileModel, left: Node | None, function: Function) -> Node | None:
    """The last `holder = { … }` (an object literal without the slot's field) in the function before the
    store `holder.field = …`, when holder is an expression path (`apps[name]`, `this.state`), else None."""
    left = syntax.unwrap(left)
    if left is None or left.type != "member_expression":
        return None
    holder = syntax.unwrap(left.child_by_field_name("object"))
    prop = left.child_by_field_name("property")
    if holder is None or prop is None or holder.type not in ("member_expression", "subscript_expression"):
        return None
    holder_text = b"".join(holder.text.split())
    found = None
    for assign in model.nodes("assign"):
        if assign.type != "assignment_expression" or not function.node.start_byte <= assign.start_byte < left.start_byte:
            continue
        if model.function_at(assign) is not function:
            continue
        target = syntax.unwrap(assign.child_by_field_name("left"))
        value = syntax.unwrap(assign.child_by_field_name("right"))
        if target is None or value is None or b"".join(target.text.split()) != holder_text or value.type != "object":
            continue
        keys = {syntax.text(m.child_by_field_name("key")) for m in value.named_children if m.type == "pair"}
        if syntax.text(prop) not in keys:
            found = assign
    return found


def _overwrite(model: FileModel, interval: Interval) -> Node | None:
    """The assignment that stores a new handle over a live one, when nothing before it clears or checks it."""
    function = interval.site.function
    if function is None or function.body is None:
        return None
    store = interval.slots[0] if interval.slots else None
    host = run_once_host(model, function)
    if host.method_name in ONCE_PER_INSTANCE_METHODS or _is_vue_creation_hook(host):
        # once per instance: only a slot every instance shares can be overwritten (by the next one)
        return store.node if shared_by_instances(store, host) else None
    if store is not None and _is_this(_holder_of(store)) and _is_es5_constructor(model, host):
        return None  # `function F() { this.t = setInterval(…) }` with `F.prototype.m`: `new F()` makes a fresh `this`
    own_state = store is not None and store.kind == "state" and _state_of_this(model, store)
    if store is None or (store.node.type != "assignment_expression" and not own_state):
        return None  # declared here (`const t = …`), or `??=`/`||=`: a fresh or guarded slot
    replaced = _holder_replaced_before(model, store.node.child_by_field_name("left"), function)
    # A clear of the slot between the replacement and the store says the author expects a live timer there
    # (the slot outlives the call), and it reads the fresh object's missing field: it stops nothing.
    dead_clear = replaced is not None and any(
        c.site.function is function and replaced.end_byte <= c.site.node.start_byte < store.node.start_byte
        for c in interval.clears
    )
    # an ES5 constructor's `var`, or a factory's `let` its returned object's methods share: private state
    closure = store.kind == "binding" and (
        closure_slot_of_instance(model, store.binding, function) or returned_object_slot(model, store.binding, function)
    )
    if not _outlives(store, function) and not dead_clear and not closure and not own_state:
        return None
    if _runs_once_per_instance(model, function) or _guarded_at_every_call(model, function, store):
        return None
    if _cleared_between_connections(model, function, interval, store):
        return None  # started on 'connect', cleared on the 'close' that comes before the next 'connect'
    if _reference_counted(model, function, interval, store):
        return None  # started when a count grows to one, cleared when it falls back to none
    if (closure or own_state or _is_this(_holder_of(store))) and once_per_instance_caller(model, function) is not None:
        return None  # `created() { this.poll() }`, `poll() { this.timer = setInterval(…) }`: a fresh instance each time
    node = store.node
    parent = node.parent
    while parent is not None and parent != function.node:
        if parent.type in _CONDITIONAL:
            if not _setting_test(model, parent, store, function) and not _boolean_watch_toggle(
                model, parent, interval, function
            ):
                parent = parent.parent
                continue  # `if (refreshEvery) this.timer = setInterval(…)`: a test of the period, not of the slot
            return None  # stored only under some condition: assume it is the guard
        if parent.type == "binary_expression" and parent.child_by_field_name("right") is not None:
            operator = parent.child_by_field_name("operator")
            if operator is not None and operator.type in ("&&", "||", "??"):
                return None
        parent = parent.parent
    left = node.child_by_field_name("left")
    # `state[k] = {}; clearInterval(state[k].timer); state[k].timer = setInterval(…)`: once the holder is
    # replaced by a fresh object, reads of its field see nothing, so only code before that can stop the old timer.
    before = model.source[function.body.start_byte : (replaced or node).start_byte]
    inside = model.source[left.end_byte : interval.site.node.start_byte] if left is not None else b""
    words = {store.binding.name if store.binding is not None else store.prop}
    for clear in interval.clears:
        clearing = clear.site.function
        if clearing is not None and clearing is not function:
            words.add(clearing.method_name or (clearing.name or "").rsplit(".", 1)[-1])
    words.discard(None)
    words.discard("")
    for word in words:
        pattern = re.compile(rb"\b" + re.escape(word.encode()) + rb"\b")
        if pattern.search(inside):
            return None
        mentions = [m.end() for m in pattern.finditer(before)]
        if mentions and not _awaits_between(function, function.body.start_byte + mentions[-1], node.start_byte):
            return None  # checked, cleared, or a clearing function called first
        # cleared before an `await`: another call of the function can store a handle while this one waits
    if _EXIT_WORDS.search(before):
        return None  # an early return: the function has a precondition
    return node


def _is_es5_constructor(model: FileModel, function: Function) -> bool:
    """The constructor function of an ES5 class of the file (`function F() {…}` with `F.prototype.m = …`).

    Code calls such a function with `new`, like an ES class's `constructor`, so it runs once per instance.
    """
    from leaklint.model.shape import es5_class_binding, es5_prototype_member

    return es5_class_binding(model, function) is not None and es5_prototype_member(model, function) is None


def _awaits_between(function: Function, start: int, end: int) -> bool:
    """An `await` of ``function`` itself (not of a function nested in it) between two byte offsets.

    `clearTime(); await load(); this.timer = setInterval(…)` clears before it
    waits: a second click while the first call waits clears the still-empty
    slot too, and both calls then store, the first handle lost.
    """
    if function.body is None or not function.node.children or function.node.children[0].type != "async":
        return False
    pending = [function.body]
    while pending:
        node = pending.pop()
        if node.end_byte <= start or node.start_byte >= end:
            continue
        if node.type in syntax.FUNCTION_KINDS and node != function.body:
            continue
        if node.type == "await_expression" and start <= node.start_byte < end:
            return True
        pending.extend(node.named_children)
    return False


def _setting_test(model: FileModel, conditional: Node, store: Slot, function: Function) -> bool:
    """Whether the condition around a store may be the guard against a running timer.

    Only an `if` (or its `else`) is looked into: its test may guard when it reads the handle's slot
    (`if (!this.timer)`) or a name the function assigns (a flag set with the timer:
    `if (!this.running) { this.running = true; … }`). A test of anything else (the configured period,
    a prop, a parameter) says nothing about a timer started before, so a second call still overwrites it.
    Other conditionals (`?:`, `switch`, `catch`) are taken as guards, as before.
    """
    statement = conditional.parent if conditional.type == "else_clause" else conditional
    if statement is None or statement.type != "if_statement":
        return True
    test = statement.child_by_field_name("condition")
    if test is None:
        return True
    words = set(re.findall(rb"[A-Za-z_$][\w$]*", test.text))
    slot = store.binding.name if store.binding is not None else store.prop
    if slot and slot.encode() in words:
        return True
    if store.binding is not None and words & members_reading(model, store.binding, function):
        return True  # `if (!this.isStarted)`, a getter of the same object over the factory's `let id`
    body = function.body
    for assign in model.nodes("assign"):
        if assign.type not in _ASSIGNMENTS or body is None or not body.start_byte <= assign.start_byte < body.end_byte:
            continue
        target = syntax.unwrap(assign.child_by_field_name("left"))
        if target is None or target.start_byte == (store.node.child_by_field_name("left") or store.node).start_byte:
            continue
        name = target.child_by_field_name("property") if target.type == "member_expression" else target
        if name is not None and name.text in words:
            return True
    return False


def _boolean_watch_toggle(model: FileModel, conditional: Node, interval: Interval, function: Function) -> bool:
    """`watch: { active(val) { if (val) this.t = setInterval(…); else clearInterval(this.t) } }` on a Boolean.

    Vue calls a watcher only when the value changes, so the handler of a
    Boolean prop (`type: Boolean`) or of a data field that starts as `true` or
    `false` sees true and false in turn: the branch that stores always follows
    the branch that clears.  A value that can change from one truthy value to
    another (a number, a string) gets no such order.
    """
    from leaklint.model.teardown import is_vue_options_object

    statement = conditional.parent if conditional.type == "else_clause" else conditional
    if statement is None or statement.type != "if_statement" or not function.params:
        return False
    test = syntax.unwrap(statement.child_by_field_name("condition"))
    negated = test is not None and test.type == "unary_expression" and syntax.text(test).startswith("!")
    if negated:
        test = syntax.unwrap(test.named_children[0]) if test.named_children else None
    if test is None or test.type != "identifier" or syntax.text(test) != function.params[0].name:
        return False
    other = statement.child_by_field_name("alternative") if conditional.type != "else_clause" else statement.child_by_field_name(
        "consequence"
    )
    if other is None or not any(other.start_byte <= c.site.node.start_byte < other.end_byte for c in interval.clears):
        return False
    key, watch = _member_pair(function), function.node.parent
    watch = watch.parent if watch is not None and watch.type == "pair" else watch  # `active: function (val) {…}`
    watch_pair = watch.parent if watch is not None and watch.type == "object" else None
    if key is None or watch_pair is None or watch_pair.type != "pair" or _pair_key(watch_pair) != "watch":
        return False
    options = watch_pair.parent
    return options is not None and is_vue_options_object(options) and _boolean_member(options, key)


def _member_pair(function: Function) -> str | None:
    """The key of the object member a function is (`active(val) {…}`, `active: function (val) {…}`)."""
    context = function.context
    if context and context[0] == "property" and context[1] is not None:
        return syntax.string_value(context[1]) or syntax.text(context[1])
    return None


def _pair_key(pair: Node) -> str | None:
    key = pair.child_by_field_name("key")
    return (syntax.string_value(key) or syntax.text(key)) if key is not None else None


def _boolean_member(options: Node, key: str) -> bool:
    """`props: { key: Boolean }`, `props: { key: { type: Boolean } }`, or `data() { return { key: false } }`."""
    for pair in options.named_children:
        if pair.type not in ("pair", "method_definition"):
            continue
        name = _pair_key(pair) if pair.type == "pair" else syntax.text(pair.child_by_field_name("name"))
        if name == "props":
            props = syntax.unwrap(pair.child_by_field_name("value"))
            for prop in props.named_children if props is not None and props.type == "object" else ():
                if prop.type != "pair" or _pair_key(prop) != key:
                    continue
                value = syntax.unwrap(prop.child_by_field_name("value"))
                if value is not None and value.type == "object":
                    value = next((syntax.unwrap(p.child_by_field_name("value")) for p in value.named_children
                                  if p.type == "pair" and _pair_key(p) == "type"), None)
                return value is not None and syntax.text(value) == "Boolean"
        if name == "data":
            for node in syntax.walk(pair):
                if node.type == "pair" and _pair_key(node) == key:
                    value = syntax.unwrap(node.child_by_field_name("value"))
                    return value is not None and value.type in ("true", "false")
    return False


def _state_of_this(model: FileModel, slot: Slot) -> bool:
    """A "state" slot filled by `this.setState(…)` (or through an alias of `this`): the instance's own state."""
    from leaklint.model.shape import is_this_or_alias

    call = slot.node.parent.parent.parent  # pair → object → arguments → call (see state_slot)
    return is_this_or_alias(model, model.call_site(call).receiver)


def _holder_of(slot: Slot) -> Node | None:
    """`this` for a slot stored as `this.timer = …`, the object of the assignment's target; else None."""
    if slot.node.type != "assignment_expression":
        return None
    left = syntax.unwrap(slot.node.child_by_field_name("left"))
    return left.child_by_field_name("object") if left is not None and left.type == "member_expression" else None


# Events after which a socket or connection sends nothing more: a clear in their handler ends the timer with it.
_HOLDER_CLOSING_EVENTS = frozenset({"close", "disconnect", "end", "error"})


def closes_with_holder(model: FileModel, interval: Interval) -> ClearCall | None:
    """A clear in a closing handler of the object the handle is stored on, when the timer keeps nothing else.

    `ws.interval = setInterval(() => ws.send(''), 30000); ws.onclose = () => clearInterval(ws.interval)`
    (also `ws.on('close', …)`, `ws.addEventListener('close', …)`): the timer stops when that socket
    closes, and its callback keeps only the socket, which its runtime keeps while it is open anyway.
    The timer then lives exactly as long as the open socket, and whether the socket outlives the code
    that opened it (a component unmounted with it open) is the socket's leak, not the timer's.  A
    callback that also keeps `this` or another local (the component, the request) is not covered.
    """
    if not interval.slots or interval.callback_function is None:
        return None
    holder = syntax.unwrap(_holder_of(interval.slots[0]))
    if holder is None or holder.type != "identifier":
        return None
    if captured_names(model, interval, limit=10) != [syntax.text(holder)]:
        return None
    binding = model.resolve(holder)
    for clear in interval.clears:
        handler = clear.site.function
        target = _closing_target(model, handler) if handler is not None else None
        if target is not None and target.type == "identifier" and binding is not None and model.resolve(target) is binding:
            return clear
    return None


def _closing_target(model: FileModel, handler: Function) -> Node | None:
    """The object whose closing event ``handler`` handles: `ws` of `ws.onclose = fn` or `ws.on('close', fn)`."""
    context = handler.context
    if not context:
        return None
    if context[0] == "assigned":
        left = syntax.unwrap(context[1])
        if left is None or left.type != "member_expression":
            return None
        prop = syntax.text(left.child_by_field_name("property"))
        if prop.startswith("on") and prop[2:] in _HOLDER_CLOSING_EVENTS:
            return syntax.unwrap(left.child_by_field_name("object"))
        return None
    if context[0] == "argument" and context[2] == 1:
        site = model.call_site(context[1])
        if site.method in ("on", "once", "addListener", "addEventListener") and (
            syntax.string_value(site.argument(0)) in _HOLDER_CLOSING_EVENTS
        ):
            return syntax.unwrap(site.receiver)
    return None


# Callees that call an arrow handed to them once, where it is passed (or once, later): a promise's
# reactions, a `new Promise` executor, the deferring calls, and Angular's zone entry points.
_RUN_ONCE_METHODS = frozenset({"then", "catch", "finally", "runOutsideAngular"})
_RUN_ONCE_FUNCTIONS = frozenset({"setTimeout", "setImmediate", "queueMicrotask"})
_ZONE_RUN_METHODS = frozenset({"run", "runGuarded"})
_MAX_RUN_ONCE_HOPS = 3


def run_once_host(model: FileModel, function: Function) -> Function:
    """The function whose single run runs ``function`` once: ``function`` itself unless it is an arrow
    handed to a callee that calls it once (`ngZone.runOutsideAngular(() => …)`, `.then(() => …)`,
    `new Promise((resolve) => …)`, `setTimeout(() => …)`, `process.nextTick(…)`).

    Such an arrow sees its host's `this` and runs once per run of the host, so a store of
    `this.timer` in it, in a constructor, fills the new instance's slot as the constructor would.
    A listener, a timer callback, an array method's callback (once per item) or any other callee
    is not followed: it may run the arrow many times.
    """
    current = function
    for _ in range(_MAX_RUN_ONCE_HOPS):
        context = current.context
        if current.node.type != "arrow_function" or not context or context[0] != "argument":
            return current
        site = model.call_site(context[1])
        receiver = syntax.text(syntax.unwrap(site.receiver)) if site.receiver is not None else ""
        once = (
            (site.is_new and site.name == "Promise" and context[2] == 0)
            or (site.receiver is None and site.name in _RUN_ONCE_FUNCTIONS and context[2] == 0)
            or (site.method in _RUN_ONCE_METHODS)
            or (site.method == "nextTick" and receiver == "process" and context[2] == 0)
            or (site.method in _ZONE_RUN_METHODS and receiver.lower().endswith("zone"))
        )
        if not once or site.function is None:
            return current
        current = site.function
    return current


def _is_vue_creation_hook(function: Function) -> bool:
    """`created()` / `mounted()` of a Vue options object: once per component instance."""
    from leaklint.model.teardown import is_vue_options_object

    context = function.context
    if not context or context[0] != "property" or context[1] is None:
        return False
    if syntax.text(context[1]) not in VUE_CREATION_HOOKS:
        return False
    obj = function.node.parent
    if obj is not None and obj.type == "pair":
        obj = obj.parent
    return obj is not None and obj.type == "object" and is_vue_options_object(obj)


# Mount hooks of UI components, which the framework instantiates once per use on the page.
_COMPONENT_MOUNT_HOOKS = frozenset({"componentDidMount", "ngOnInit", "connectedCallback", "firstUpdated"})


def shared_by_instances(store: Slot | None, function: Function | None) -> bool:
    """A module-level `let timer` that a component's mount hook fills: every instance writes the same slot.

    `let timer; class Pulse extends Component { componentDidMount() { timer = setInterval(…) } }`: a second
    mounted Pulse overwrites the first one's handle, and the first unmount clears the second one's timer.
    """
    if function is None or store is None or store.kind != "binding" or store.binding is None:
        return False
    if not store.binding.is_module_level or store.node.type != "assignment_expression":
        return False
    if not (function.method_name in _COMPONENT_MOUNT_HOOKS or _is_vue_creation_hook(function)):
        return False
    parent = store.node.parent
    while parent is not None and parent != function.node:
        if parent.type in _CONDITIONAL:
            return False  # stored only under some condition, as elsewhere in this module: may be the guard
        parent = parent.parent
    return True


def _runs_once_per_instance(model: FileModel, method: Function) -> bool:
    """A helper method that this file calls only once per instance.

    From the constructor (or another once-per-instance hook), or behind a
    one-shot guard: `init() { if (this.initiated) return this; this.initiated
    = true; this.autoExitHook() }`.
    """
    from leaklint.model.shape import one_shot_guard

    name = method.method_name
    if method.class_info is None or not name:
        return False
    calls = [site for site in model.method_calls(name) if _is_this(site.receiver)]
    return bool(calls) and all(
        site.function is not None and (
            site.function.method_name in ONCE_PER_INSTANCE_METHODS or one_shot_guard(model, site.node) is not None
        )
        for site in calls
    )


def _guarded_at_every_call(model: FileModel, method: Function, store: Slot) -> bool:
    """Every `this.start()` in the class sits under an `if` that tests the slot the method fills.

    `add() { if (!this.isPolling()) this.start(); }` with `isPolling() { return
    !!this.interval; }`: the callers check for a running timer, so the store
    in `start()` never replaces a live handle.  The test may read the slot
    itself or call a method of the class whose body reads it.  A method
    another file calls (the project link gives it a caller) may be called
    without the check, and is not covered.
    """
    name = method.method_name
    info = method.class_info
    slot = store.prop if _is_this(_holder_of(store)) else None
    if info is None or not name or not slot or model.frequency(method).evidence is Evidence.PROJECT:
        return False
    calls = [site for site in model.method_calls(name) if _is_this(site.receiver)]
    if not calls:
        return False
    readers = {
        member for member, functions in info.methods.items()
        if any(f.body is not None and _reads_this_field(f.body, slot) for f in functions)
    }
    for site in calls:
        if site.function is None or site.function.class_info is not info:
            return False
        node, guarded = site.node, False
        while node.parent is not None and node.parent != site.function.node:
            parent = node.parent
            if parent.type == "if_statement" and parent.child_by_field_name("consequence") == node:
                test = parent.child_by_field_name("condition")
                if test is not None and (_reads_this_field(test, slot) or any(
                    _is_this(c.receiver) and c.method in readers
                    for c in (model.call_site(n) for n in syntax.walk(test) if n.type == "call_expression")
                )):
                    guarded = True
                    break
            node = parent
        if not guarded:
            return False
    return True


# A connection's life: a socket or a reconnecting client emits one of the second kind before it emits one of
# the first again ('close' before the next 'connect', ioredis' and axon's 'reconnecting' before the next 'ready').
_CONNECTED_EVENTS = frozenset({"connect", "connected", "open", "ready", "reconnect"})
_DISCONNECTED_EVENTS = frozenset({"close", "disconnect", "disconnected", "end", "reconnecting"})


def _cleared_between_connections(model: FileModel, function: Function, interval: Interval, store: Slot) -> bool:
    """Every start runs in a 'connect'-like listener of an emitter whose 'close'-like listener clears the slot.

    `client.on('ready', () => this.autoDump())` with `client.on('reconnecting', () => {
    if (this.dump) clearInterval(this.dump) })`: the emitter alternates the two events, so
    each store finds the slot cleared.  The starting function is the listener itself or one
    every call of which (in the file; a caller in another file is not covered) sits in such a
    listener; the clear sits in a listener on the same receiver, unconditionally or behind a
    test of the slot.  Any other event ('data', 'message') may come twice in a row.
    """
    from leaklint.model.listeners import listener_index

    if not interval.clears or model.frequency(function).evidence is Evidence.PROJECT:
        return False
    by_listener = {
        r.listener.start_byte: r for r in model.fact("listeners", listener_index).registrations
        if r.listener is not None and r.receiver is not None
    }

    def registration(of: Function | None, events: frozenset[str]):
        found = by_listener.get(of.node.start_byte) if of is not None else None
        return found if found is not None and found.event in events else None

    own = registration(function, _CONNECTED_EVENTS)
    if own is not None:
        starts = [own]
    else:
        name = function.method_name or function.name
        sites = [*model.method_calls(name), *model.function_calls(name)] if name else []
        starts = [registration(site.function, _CONNECTED_EVENTS) for site in sites]
        if not starts or None in starts:
            return False
        if len(re.findall(rb"\b" + re.escape(name.encode()) + rb"\b", model.source)) != len(sites) + 1:
            return False  # also named other than by those calls and its definition (`.bind`, passed on)
    slot = (store.binding.name if store.binding is not None else store.prop) or ""
    closing = [
        r for c in interval.clears
        if (r := registration(c.site.function, _DISCONNECTED_EVENTS)) is not None and _unconditional_or_slot_test(
            c.site.node, c.site.function.node, slot
        )
    ]
    return all(any(r.receiver == start.receiver for r in closing) for start in starts)


_COUNT_GROWERS = frozenset({"add", "push", "set", "unshift"})
_COUNT_SHRINKERS = frozenset({"delete", "splice", "pop", "shift", "clear"})


def _reference_counted(model: FileModel, function: Function, interval: Interval, store: Slot) -> bool:
    """The start runs only when a count grows from none to one, and a clear runs when it falls back to none.

    `subscribers.add(fn); if (subscribers.size === 1) timer = setInterval(…)` with
    `subscribers.delete(fn); if (subscribers.size === 0) clearInterval(timer)`: between two
    starts the count has been back to none, and each time it is the clear ran, so no start
    finds a live handle.  The count is a Set/Map/array (its `size`/`length`, grown with
    `add`/`push`/`set` before the test) or a number (`++count === 1`, `count++ === 0`, or
    `count += 1` before `count === 1`); the clear sits behind a test that the same count is
    empty (`=== 0`, `!…`, `< 1`, `<= 0`, `--count === 0`) and the file shrinks it somewhere.
    A clear behind any other test, or a count that never shrinks, proves nothing.
    """
    if not interval.clears:
        return False
    count = None
    node = store.node
    while node.parent is not None and node.parent != function.node:
        parent = node.parent
        if parent.type == "if_statement" and parent.child_by_field_name("consequence") == node:
            count = _first_of_count(model, parent.child_by_field_name("condition"), function, parent)
            if count is not None:
                break
        node = parent
    if count is None:
        return False
    if not _count_shrinks(model, count):
        return False
    return any(_behind_empty_test(model, c.site.node, c.site.function, count[0]) for c in interval.clears
               if c.site.function is not None)


def _count_of(model: FileModel, node: Node | None) -> tuple[AccessPath, bool] | None:
    """(the count's path, whether it is a collection's `size`/`length`) for `x.size`, `x.length` or a plain `x`."""
    node = syntax.unwrap(node)
    if node is None:
        return None
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        if prop is not None and syntax.text(prop) in ("size", "length"):
            path = model.access_path(node.child_by_field_name("object"))
            return (path, True) if path is not None else None
    if node.type in ("identifier", "member_expression"):
        path = model.access_path(node)
        return (path, False) if path is not None else None
    return None


def _comparison(node: Node | None) -> tuple[Node, str, str] | None:
    """`a === 1` / `1 == a` → (a, operator, "1"), the literal number on either side."""
    node = syntax.unwrap(node)
    if node is None or node.type != "binary_expression":
        return None
    operator = node.child_by_field_name("operator")
    left, right = syntax.unwrap(node.child_by_field_name("left")), syntax.unwrap(node.child_by_field_name("right"))
    if operator is None or left is None or right is None:
        return None
    op = syntax.text(operator)
    if right.type == "number":
        return left, op, syntax.text(right)
    if left.type == "number":
        flipped = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
        return right, flipped, syntax.text(left)
    return None


def _update_of(node: Node) -> tuple[Node, str, bool] | None:
    """`++x` / `x++` / `--x` / `x--` → (x, "++" or "--", prefix)."""
    if node.type != "update_expression":
        return None
    argument = node.child_by_field_name("argument")
    operator = node.child_by_field_name("operator")
    if argument is None or operator is None:
        return None
    return argument, syntax.text(operator), operator.start_byte < argument.start_byte


def _first_of_count(model: FileModel, test: Node | None, function: Function, statement: Node):
    """The count whose growth to one the `if` test ``test`` catches, or None."""
    for part in _conjuncts(test):
        found = _comparison(part)
        if found is None or found[1] not in ("===", "=="):
            continue
        side, _, number = found
        update = _update_of(side)
        if update is not None:  # `++count === 1`, `count++ === 0`
            target, op, prefix = update
            counted = _count_of(model, target)
            if counted is not None and not counted[1] and op == "++" and number == ("1" if prefix else "0"):
                return counted
            continue
        counted = _count_of(model, side)
        if counted is None or number != "1":
            continue
        if _grown_before(model, counted, function, statement.start_byte):
            return counted
    return None


def _conjuncts(node: Node | None) -> list[Node]:
    node = syntax.unwrap(node)
    if node is None:
        return []
    if node.type == "binary_expression":
        operator = node.child_by_field_name("operator")
        if operator is not None and operator.type == "&&":
            return [*_conjuncts(node.child_by_field_name("left")), *_conjuncts(node.child_by_field_name("right"))]
    return [node]


def _grown_before(model: FileModel, counted: tuple[AccessPath, bool], function: Function, end: int) -> bool:
    """The function grows the count (`set.add(…)`, `count++`, `count += 1`) before ``end``, outside nested functions."""
    body = function.body
    if body is None:
        return False
    return any(
        body.start_byte <= node.start_byte < end and model.function_at(node) is function
        and _steps_count(model, node, counted, _COUNT_GROWERS, "++", "+=")
        for node in syntax.walk(body)
    )


def _steps_count(model: FileModel, node: Node, counted: tuple[AccessPath, bool], methods, update: str, operator: str) -> bool:
    """``node`` grows (or shrinks) the count: a collection's `methods` call, or a number's `update`/`operator`."""
    path, collection = counted
    if node.type == "call_expression":
        site = model.call_site(node)
        return collection and site.method in methods and site.receiver is not None and model.access_path(site.receiver) == path
    if collection:
        return False
    stepped = _update_of(node)
    if stepped is not None:
        return stepped[1] == update and model.access_path(stepped[0]) == path
    return (node.type == "augmented_assignment_expression" and syntax.text(node.child_by_field_name("operator")) == operator
            and model.access_path(node.child_by_field_name("left")) == path)


def _count_shrinks(model: FileModel, counted: tuple[AccessPath, bool]) -> bool:
    """Some code of the file shrinks the count: `set.delete(…)`, `list.splice(…)`, `count--`, `count -= 1`."""
    return any(_steps_count(model, node, counted, _COUNT_SHRINKERS, "--", "-=") for node in syntax.walk(model.tree.root_node))


def _behind_empty_test(model: FileModel, node: Node, function: Function, path: AccessPath) -> bool:
    """``node`` runs behind an `if` (or `&&`) whose test says the count is empty (`size === 0`, `!n`, `--n === 0`)."""
    while node.parent is not None and node.parent != function.node:
        parent = node.parent
        test = None
        if parent.type == "if_statement" and parent.child_by_field_name("consequence") == node:
            test = parent.child_by_field_name("condition")
        elif parent.type == "binary_expression" and parent.child_by_field_name("right") == node:
            operator = parent.child_by_field_name("operator")
            test = parent.child_by_field_name("left") if operator is not None and operator.type == "&&" else None
        if test is not None and any(_says_empty(model, part, path) for part in _conjuncts(test)):
            return True
        node = parent
    return False


def _says_empty(model: FileModel, part: Node, path: AccessPath) -> bool:
    if part.type == "unary_expression" and syntax.text(part).startswith("!") and not syntax.text(part).startswith("!!"):
        counted = _count_of(model, part.named_children[0] if part.named_children else None)
        return counted is not None and counted[0] == path
    found = _comparison(part)
    if found is None:
        return False
    side, op, number = found
    update = _update_of(side)
    if update is not None:  # `--count === 0`, `count-- === 1`
        target, change, prefix = update
        counted = _count_of(model, target)
        return (counted is not None and counted[0] == path and change == "--" and op in ("===", "==")
                and number == ("0" if prefix else "1"))
    counted = _count_of(model, side)
    if counted is None or counted[0] != path:
        return False
    return (op in ("===", "==") and number == "0") or (op == "<" and number == "1") or (op == "<=" and number == "0")


def _unconditional_or_slot_test(node: Node, stop: Node, slot: str) -> bool:
    """``node`` runs whenever its function does, or only behind an `if` (or `&&`) that tests ``slot``."""
    pattern = re.compile(rb"\b" + re.escape(slot.encode()) + rb"\b") if slot else None
    while node.parent is not None and node.parent != stop:
        parent = node.parent
        if parent.type == "if_statement" and parent.child_by_field_name("consequence") == node:
            test = parent.child_by_field_name("condition")
            if pattern is None or test is None or not pattern.search(test.text):
                return False
        elif parent.type in _CONDITIONAL:
            return False
        elif parent.type == "binary_expression" and parent.child_by_field_name("right") == node:
            left = parent.child_by_field_name("left")
            if pattern is None or left is None or not pattern.search(left.text):
                return False
        node = parent
    return True


def _reads_this_field(node: Node, field: str) -> bool:
    """``node`` mentions `this.<field>`."""
    for inner in syntax.walk(node):
        if inner.type == "member_expression" and _is_this(inner.child_by_field_name("object")):
            prop = inner.child_by_field_name("property")
            if prop is not None and syntax.text(prop) == field:
                return True
    return False


def _is_this(node: Node | None) -> bool:
    node = syntax.unwrap(node)
    return node is not None and node.type == "this"


def _outlives(slot: Slot, function: Function) -> bool:
    """The slot is long-lived state, not created by this call: a module-level binding or a field of `this`."""
    if slot.kind == "binding":
        return slot.binding is not None and slot.binding.is_module_level
    path = slot.path
    if path is None or len(path) != 2:
        return False
    root = path[0]
    if isinstance(root, Binding):
        return root.is_module_level and root.kind in ("const", "let", "var") and not function.contains(root.node)
    return isinstance(root, tuple) and root[0] == "this"


# -- clearInterval calls that clear nothing ---------------------------------------


def _ineffective(model: FileModel, clear: ClearCall) -> IneffectiveClear | None:
    if clear.function_name != "clearInterval":
        return None
    argument = syntax.unwrap(clear.argument)
    if argument is None:
        if not clear.site.arguments:
            return IneffectiveClear(clear, "is called with no argument")
        return None
    if argument.type in NOT_A_HANDLE_LITERALS:
        return IneffectiveClear(clear, f"is given `{model.node_text(argument, 30)}`, which is not a timer handle")
    if argument.type == "identifier" and syntax.text(argument) == "undefined" and model.is_global(argument):
        return IneffectiveClear(clear, "is given `undefined`, which is not a timer handle")
    binding = clear.binding
    if argument.type != "identifier" or binding is None:
        return None
    if binding.kind in ("function", "class"):
        return IneffectiveClear(
            clear, f"is given the {binding.kind} `{binding.name}`, not a handle returned by setInterval()", binding.node
        )
    if binding.kind not in ("const", "let", "var") or binding.destructured_from is not None:
        return None
    values = []
    if binding.init is not None:
        values.append(binding.init)
    elif binding.declaration.type != "variable_declarator":
        return None  # a for-in/for-of variable
    for reference in binding.writes:
        parent = reference.node.parent
        if parent is None or parent.type != "assignment_expression":
            return None  # `t++`, `t ||= …`, destructuring: do not guess
        if parent.child_by_field_name("left") != reference.node:
            return None  # `t++`, `t ||= …`, destructuring: do not guess
        values.append(parent.child_by_field_name("right"))
    for value in values:
        value = syntax.unwrap(value)
        if value is None:
            return None
        if value.type in NOT_A_HANDLE_LITERALS:
            continue
        if value.type == "identifier" and syntax.text(value) == "undefined" and model.is_global(value):
            continue
        return None
    if not values:
        return IneffectiveClear(clear, f"is given `{binding.name}`, which is never assigned", binding.node)
    if all(syntax.unwrap(v).type in FUNCTION_KINDS for v in values):
        return IneffectiveClear(
            clear, f"is given the function `{binding.name}`, not a handle returned by setInterval()", binding.node
        )
    return IneffectiveClear(
        clear, f"is given `{binding.name}`, which is never assigned a timer handle", binding.node
    )


# -- which way out a clear runs on -------------------------------------------------

# Events that say the work finished normally; they do not come when the peer goes away first
# (a client that disconnects never sends 'end', a destroyed stream never emits 'finish').
COMPLETION_EVENTS = frozenset({"end", "finish", "complete", "done", "success"})
_LISTENER_METHODS = frozenset({"on", "once", "addListener", "prependListener", "prependOnceListener"})


def clear_events(model: FileModel, clear: ClearCall) -> frozenset[str] | None:
    """The events whose listener makes this clear (`res.on('finish', () => clearInterval(t))`), or None.

    None means the clear does not run only from an event listener: it is in a
    `finally`, a `stop()`, the timer's own callback, and so on.  A listener
    registered by name (`res.on('finish', stop)`) counts for every event it
    is registered for.
    """
    function = clear.site.function
    if function is None:
        return None
    events = set()
    context = function.context
    if context and context[0] == "argument":
        event = _listener_event(model, model.call_site(context[1]), context[2])
        if event is None:
            return None
        return frozenset({event})
    binding = context[1] if context and context[0] == "declared" else None
    if binding is None:
        return None
    for reference in binding.reads:
        site = model.call_passing(reference.node)
        if site is None:
            return None  # also called directly, or passed elsewhere
        event = _listener_event(model, site, site.index_of(reference.node))
        if event is None:
            return None
        events.add(event)
    return frozenset(events) if events else None


def _listener_event(model: FileModel, site: CallSite, index: int) -> str | None:
    if site.method not in _LISTENER_METHODS or index != 1:
        return None
    return syntax.string_value(site.argument(0))


# -- what a callback keeps alive ----------------------------------------------------


def captured_names(model: FileModel, interval: Interval, limit: int = 3) -> list[str]:
    """The names a timer's callback keeps alive, for messages: local captures and `this`."""
    names: list[str] = []
    callback = syntax.unwrap(interval.callback)
    function = interval.callback_function
    if function is not None:
        for binding in model.captures_of(function):
            if not binding.is_module_level and binding.name not in names:
                names.append(binding.name)
    if callback is not None and callback.type not in ("function_expression", "function", "identifier"):
        if _THIS.search(callback.text or b""):
            names.append("this")
    elif function is not None and function.node.type == "arrow_function" and _THIS.search(function.node.text or b""):
        names.append("this")
    return names[:limit]


def effect_hook(model: FileModel, function: Function | None) -> CallSite | None:
    """The `useEffect(fn, deps)` call a function is the effect of: it runs on every mount of the component."""
    if function is None or not function.context or function.context[0] != "argument" or function.context[2] != 0:
        return None
    site = model.call_site(function.context[1])
    return site if (site.method or site.name) in EFFECT_HOOKS else None


def creation_frequency(model: FileModel, interval: Interval) -> FrequencyFact:
    """How often the `setInterval` call runs; a class field initialiser or a React effect runs once per instance."""
    effect = effect_hook(model, interval.site.function)
    if effect is not None:
        hook = effect.method or effect.name
        return FrequencyFact(Frequency.REPEATED, f"{hook} callback, run on every mount", effect.node,
                             evidence=Evidence.CLASS)
    if interval.site.function is not None or interval.owner_class is None:
        return model.frequency(interval.site.function)
    info = interval.owner_class
    lifetime = model.instance_lifetime(info)
    if lifetime.is_long_lived:
        return FrequencyFact(Frequency.ONCE, f"field initialiser of a single instance ({lifetime.reason})", info.node)
    label = f"`{info.name}`" if info.name else "the class"
    return FrequencyFact(
        Frequency.REPEATED, f"field initialiser of {label}, run for every instance", info.node, evidence=Evidence.CLASS
    )


def describe_creation(model: FileModel, interval: Interval) -> str:
    """Where a `setInterval` call is: "`Poller.start()`", "the constructor of `Cache`", "the `useEffect()` callback"."""
    function = interval.site.function
    if function is None and interval.owner_class is not None:
        name = interval.owner_class.name
        return f"a field initialiser of `{name}`" if name else "a class field initialiser"
    if function is not None and function.method_name == "constructor" and function.class_info is not None:
        name = function.class_info.name
        return f"the constructor of `{name}`" if name else "a class constructor"
    context = function.context if function is not None else ()
    if function is not None and not function.name and context and context[0] == "argument":
        if model.frequency(function).handler in (None, HandlerKind.MOUNT):
            site = model.call_site(context[1])
            if site.callee is not None:
                line, _ = model.text.line_col(function.node.start_byte)
                return f"the `{model.node_text(site.callee, 30)}()` callback at line {line}"
    return model.describe_function(function)


def creation_phrase(model: FileModel, interval: Interval, frequency: FrequencyFact) -> str:
    """When the `setInterval` call runs, for messages: "on every request", "for every instance"."""
    function = interval.site.function
    if function is None or function.method_name == "constructor":
        return "for every instance"
    if effect_hook(model, function) is not None:
        return "on every mount"
    return frequency.phrase
