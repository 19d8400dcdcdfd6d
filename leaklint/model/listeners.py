"""Listener registrations and their cleanups: `.on`/`.off`, `{ once }`, `{ signal }`, disposers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import LISTENER_METHODS, ONCE_METHODS, REMOVAL_METHODS, AccessPath, CallSite, direct_calls
from leaklint.model.imports import WHOLE_MODULE, calls_of_imported, imported_name
from leaklint.model.jquery import JQUERY_NAMES, jquery_event_removed, page_element_set, wrapped_page_object
from leaklint.model.scopes import FUNCTION_KINDS, Binding
from leaklint.model.lifetime import media_query_list
from leaklint.model.stream_writers import returns_a_value
from leaklint.model.subscriptions import is_observable_subscription
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.scopes import Function

ListenerKey = tuple  # ("path", AccessPath) for a named function; ("new", start) for one made at the call


@dataclass(eq=False)
class Registration:
    """`receiver.on(event, listener)` or `addEventListener(event, listener, options)`."""

    site: CallSite
    receiver: AccessPath | None
    event: str | None  # literal event name, or the event expression's text
    event_label: str
    listener: Node | None
    listener_key: ListenerKey | None
    once: bool
    has_signal: bool
    keeps_return_value: bool  # `const off = bus.on(...)`: a disposer some libraries return
    signal_ignored: bool = False  # `{ signal }` passed to a Node EventEmitter's .on(), which takes no options
    kept_in: AccessPath | None = None  # `handlers[pos] = fn` / `handlers.push(fn)`: the listener is kept there
    event_alias: str | None = None  # `this.id` when the event is a constructor's `const uid` also kept in `this.id`
    stored_as: tuple[str, ...] = ()  # `state.listeners.onMove = fn`: the property names the local listener is kept under
    stored_in: AccessPath | None = None  # `this.keyDownHandler = fn`: the field the local listener is kept in


@dataclass(eq=False)
class Removal:
    """`receiver.off(event, listener)`, `removeEventListener`, `removeAllListeners([event])`."""

    site: CallSite
    receiver: AccessPath | None
    event: str | None  # None with remove_all: every event
    listener_key: ListenerKey | None
    remove_all: bool
    taken_from: AccessPath | None = None  # `off(e, handlers[pos])`, `const fn = handlers[pos]; off(e, fn)`
    # `function removeListener(event, listener) { return () => bus.off(event, listener) }`: the (event, listener)
    # keys each call of the helper in the file passes for the removal's parameters (``_helper_arguments``)
    passed: tuple[tuple[str | None, ListenerKey | None], ...] = ()

    @property
    def can_never_match(self) -> bool:
        """Given a function created at the call (inline or `.bind()`), so it matches nothing."""
        return not self.remove_all and self.listener_key is not None and self.listener_key[0] == "new"


@dataclass
class ListenerIndex:
    """Every registration and removal in a file."""

    registrations: list[Registration]
    removals: list[Removal]
    # `emitter.once(event, fn)`: removed when the event fires, which for some events is never (LL002 decides)
    once_registrations: list[Registration] = field(default_factory=list)

    def removals_for(self, registration: Registration) -> list[Removal]:
        """Removals on the same receiver for the same event (or all events)."""
        if registration.receiver is None:
            return []
        return [
            r
            for r in self.removals
            if _same_receiver(r.receiver, registration.receiver)
            and (r.event is None and (r.remove_all or r.site.method == "off") or r.event == registration.event
                 or registration.event_alias is not None and r.event == registration.event_alias
                 or r.remove_all and _jquery_receiver(registration) and jquery_event_removed(r.event, registration.event))
        ]

    def is_removed(self, registration: Registration) -> bool:
        """Whether some removal in the file matches the registration's receiver, event and function."""
        for removal in self.removals_for(registration):
            if removal.remove_all:
                return True
            if removal.listener_key is not None and removal.listener_key == registration.listener_key:
                if removal.listener_key[0] != "new":
                    return True
        if registration.listener_key is not None and registration.listener_key[0] != "new":
            # `bus.on(event, listener); socket.on('disconnect', removeListener(event, listener))`: a helper
            # removes what the file hands it, here the same function for the same event
            for removal in self.removals:
                if removal.passed and _same_receiver(removal.receiver, registration.receiver) and any(
                    key == registration.listener_key and event == registration.event for event, key in removal.passed
                ):
                    return True
        if registration.kept_in is not None:
            # `handlers[pos] = fn; on(e, fn)` … `off(e, handlers[pos])`: the removal takes the listener
            # back out of the collection it was kept in, so it is the same function.
            for removal in self.removals_for(registration):
                if removal.taken_from == registration.kept_in:
                    return True
        if registration.stored_as:
            # `window.addEventListener('pointermove', onMove); state.listeners.onMove = onMove` …
            # `window.removeEventListener('pointermove', state.listeners.onMove)` in the handler the
            # same record is handed to: the removal reads the function back from where it was kept.
            for removal in self.removals_for(registration):
                if not removal.remove_all and _property_tail(removal.site.argument(1)) == registration.stored_as:
                    return True
        if registration.stored_in is not None:
            # `const h = onKey.bind(this); window.addEventListener('keydown', h); this.h = h` … in destroy()
            # `const h = this.h; window.removeEventListener('keydown', h)`: the field holds the added function
            for removal in self.removals_for(registration):
                if not removal.remove_all and removal.listener_key == ("path", registration.stored_in):
                    return True
        if _stored_shape(registration.listener):
            listener, event = _text(registration.listener), _text(registration.site.argument(0))
            for removal in self.removals:
                if removal.remove_all:
                    continue
                # `bus.on(l.event, l.listener)` … `for (const l of active) l.target.off(l.event, l.listener)`:
                # a record kept in a list and taken apart the same way on removal (its receiver may be a field too)
                if _text(removal.site.argument(1)) == listener and _text(removal.site.argument(0)) == event:
                    return True
        return False


def _jquery_receiver(registration: Registration) -> bool:
    """`$(window).on('scroll.dialog', fn)`: a registration on a jQuery wrapper, whose `.off()` knows namespaces."""
    receiver = syntax.unwrap(registration.site.receiver)
    if receiver is None or receiver.type != "call_expression":
        return False
    callee = syntax.unwrap(receiver.child_by_field_name("function"))
    return callee is not None and callee.type == "identifier" and syntax.text(callee) in JQUERY_NAMES


def _same_receiver(removed, registered) -> bool:
    """The same receiver path; or the same path from a parameter of the same name in another function.

    `subscribe(name, socketWrapper) { socketWrapper.socket.once('close', fn) }` and
    `unsubscribe(name, socketWrapper) { socketWrapper.socket.removeListener('close', fn) }`:
    the methods of one file that take a `socketWrapper` are given the same
    client, so a removal through the other method's parameter can match.
    """
    if removed == registered:
        return True
    if not isinstance(removed, tuple) or not isinstance(registered, tuple) or len(removed) != len(registered):
        return False
    first, second = removed[0], registered[0] if registered else None
    return (
        isinstance(first, Binding) and isinstance(second, Binding) and first.kind == "param" == second.kind
        and first.name == second.name and removed[1:] == registered[1:]
    )


def _stored_shape(node: Node | None) -> bool:
    """A listener read from a property path rooted at a local or parameter: `l.listener`, `el.sticky.onResize`.

    A removal that reads the same path (with the same event) takes the same
    function back out of the same record: `window.removeEventListener('resize',
    element.sticky.resizeListener)` in a `destroy(element)` undoes
    `window.addEventListener('resize', element.sticky.resizeListener)` in an
    `init(element)`.
    """
    node = syntax.unwrap(node)
    if node is None or node.type != "member_expression":
        return False
    for _ in range(4):
        node = syntax.unwrap(node.child_by_field_name("object"))
        if node is None:
            return False
        if node.type == "identifier":
            return True
        if node.type != "member_expression":
            return False
    return False


def _text(node: Node | None) -> str:
    node = syntax.unwrap(node)
    return " ".join(syntax.text(node).split()) if node is not None else ""


# Literals no emitter takes as a listener (`scrollHelper.centerFocus.on(elem, false)` is a helper of its own).
_NOT_LISTENERS = frozenset({"true", "false", "number", "null", "undefined"})

# Registration and removal methods a one-line forwarding helper may wrap.
_FORWARDED = ("addEventListener", "removeEventListener", "on", "off", "addListener", "removeListener")


def forwarded_calls(model: FileModel) -> list[CallSite]:
    """Calls of a same-file helper that only forwards its parameters to a registration or removal.

    `function on(ev, el, fn) { el.addEventListener(ev, fn) }` … `on('mouseup', doc, up)`:
    the call stands for `doc.addEventListener('mouseup', up)`, and is returned as that
    call site (receiver and arguments taken from the call, the node is the call's).
    Only a declared function whose body is that one call, on its own parameters.
    """
    helpers: dict[int, tuple[str, int, list[int]]] = {}
    for site in model.method_calls(*_FORWARDED):
        function = site.function
        if function is None or not function.params or function.body is None:
            continue
        context = function.context
        if not context or context[0] != "declared":
            continue
        statements = [c for c in function.body.named_children if c.type != "comment"] if function.body.type == "statement_block" else [function.body]
        if len(statements) != 1 or syntax.unwrap(statements[0].named_children[0] if statements[0].type == "expression_statement" else statements[0]) != site.node:
            continue
        order = [_argument_position(model, function, node) for node in [site.receiver, *site.arguments]]
        if None not in order:
            helpers[id(context[1])] = (site.method, order[0], order[1:])
    if not helpers:
        return []
    found = []
    for function in model.functions:
        context = function.context
        if not context or context[0] != "declared" or id(context[1]) not in helpers:
            continue
        method, receiver_at, argument_at = helpers[id(context[1])]
        found.extend(_standing_for(call, method, receiver_at, argument_at) for call in direct_calls(model, function)
                     if max([receiver_at, *argument_at]) < len(call.arguments))
    return found


def _argument_position(model: FileModel, function: Function, node: Node | None) -> int | None:
    """The argument position of the plain parameter of ``function`` that ``node`` names, else None."""
    node = syntax.unwrap(node)
    binding = model.resolve(node) if node is not None and node.type == "identifier" else None
    if binding is None or binding.kind != "param" or binding.scope.owner is not function:
        return None
    return function.parameter_position(binding.node)


def _standing_for(call: CallSite, method: str, receiver_at: int, argument_at: list[int] | tuple[int, ...]) -> CallSite:
    """The registration or removal a call of a forwarding helper stands for (the node is the helper call's)."""
    # a store keyed by the event alone (``exported_keyed_stores``, position -1): it stays the receiver
    receiver = call.receiver if receiver_at < 0 else call.arguments[receiver_at]
    return CallSite(call.node, call.callee, receiver, method, None, [call.arguments[i] for i in argument_at], call.function)


def exported_forwarders(model: FileModel) -> list[tuple[Function, str, int, list[int]]]:
    """Functions that register (or remove) on a parameter what two other parameters name: the helper of a module.

    `export function addEventListener(target, type, handler, options) { …; target.addEventListener(type,
    handler, opts) }` (a `dom` utility module): one registration or removal call, a statement of the
    function's own body (not under a condition or in a loop), made on a parameter, whose event and
    listener are parameters too, in a function that returns nothing (a returned disposer is the
    caller's to keep). Returned as (function, method, receiver position, argument positions); the link
    hands the shape to the files that import the function (``ExternalFacts.forwarder``), where
    `dom.addEventListener(document, 'keydown', onKey)` then stands for `document.addEventListener('keydown', onKey)`.
    """
    found: dict[int, list] = {}
    for site in model.method_calls(*_FORWARDED):
        function = site.function
        if function is None or not function.params or function.body is None or len(site.arguments) < 2:
            continue
        statement = site.node.parent  # a statement of the body itself (an arrow's expression body returns a value)
        if statement is None or statement.type != "expression_statement" or statement.parent != function.body:
            continue
        def position(node: Node | None) -> int:
            found = _argument_position(model, function, node)
            return found if found is not None else -1

        order = [position(site.receiver), position(site.arguments[0]), position(site.arguments[1])]
        if min(order) < 0 or len(set(order)) < 3:
            continue
        for extra in site.arguments[2:]:  # options passed through as they came; a local made from them ends the list
            if position(extra) < 0:
                break
            order.append(position(extra))
        if returns_a_value(function):
            continue  # `return () => target.removeEventListener(…)`: the caller gets a disposer to keep
        key = function.node.start_byte
        found[key] = None if key in found else [function, site.method, order[0], order[1:]]
    return [tuple(entry) for entry in found.values() if entry is not None]


_STORE_PAIRS = {"on": "off", "addListener": "removeListener", "addEventListener": "removeEventListener"}
_STORE_GROWERS = frozenset({"push", "add", "unshift", "set"})
_STORE_SHRINKERS = frozenset({"splice", "delete", "filter", "remove"})


def exported_keyed_stores(model: FileModel) -> list[tuple[Function, str, int, list[int]]]:
    """A project's own listener store: `on(obj, type, fn)` keeps `fn`, and its `off(obj, type, fn)` takes it out.

    jellyfin-web's `utils/events.ts`: `export default { on(obj, type, fn) { getCallbacks(obj,
    type).push(fn) }, off(obj, type, fn) { const cbs = getCallbacks(obj, type); cbs.splice(
    cbs.indexOf(fn), 1) } }`. A pair of functions of one holder (the members of one object
    literal, or the module's own functions) named `on`/`off`, `addListener`/`removeListener` or
    `addEventListener`/`removeEventListener`, whose registering one grows a collection with a
    parameter (`.push(fn)`, `.add(fn)`, `.set(k, fn)`, `c[k] = fn`), and whose removing one reads
    the parameter at the same position and shrinks (`.splice`, `.delete`, `.filter`, `.remove`) the
    collection named by the same expression of the same parameters (`getCallbacks($0, $1)`).  The
    parameters that expression reads, before the listener, are the store's keys; only stores whose
    listener comes third or later are returned (`on(type, fn)` already reads as a registration of
    `fn` for `type`), and a parameter the store does not read is no key.  Returned like
    ``exported_forwarders``: a store keyed by an object and an event keeps the listeners with
    the object (`obj._callbacks[type]`), so `Events.on(player, type, fn)` stands for
    `player.on(type, fn)` and `Events.off(player, type, fn)` for its removal, judged on the
    player's lifetime; a store keyed by the event alone (`on(obj, type, fn)` keeping
    `handlers[type]`) holds them itself, returned with a receiver position of -1 and argument
    positions (key, listener), and its calls stay registrations on the store (`Events`).
    """
    by_holder: dict[tuple, dict[str, Function]] = {}
    for function in model.functions:
        name = function.name
        if name not in _STORE_PAIRS and name not in _STORE_PAIRS.values() or len(function.argument_targets()) < 3 or function.body is None:
            continue
        context = function.context
        if context and context[0] == "property" and context[1] is not None and context[1].parent is not None:
            holder = ("object", context[1].parent.parent.start_byte if context[1].parent.parent is not None else -1)
        elif context and context[0] == "declared" and function.parent is None:
            holder = ("module",)
        else:
            continue
        by_holder.setdefault(holder, {})[name] = function
    found = []
    for functions in by_holder.values():
        for adding, removing in _STORE_PAIRS.items():
            on, off = functions.get(adding), functions.get(removing)
            if on is None or off is None:
                continue
            stored = _grown_store(model, on)
            if stored is None:
                continue
            text, listener_at = stored
            targets = off.argument_targets()
            target = targets[listener_at] if listener_at < len(targets) else None
            removed = model.scopes.binding_at.get(target.start_byte) if target is not None and target.type == "identifier" else None
            if removed is None or not removed.reads:
                continue
            if not _shrinks_store(model, off, text):
                continue
            keys = [i for i in range(listener_at) if f"${i}" in text]
            if not keys or len(keys) > 2 or listener_at < 2:
                continue  # `on(type, fn)` already reads as a registration of `fn` for `type`
            if len(keys) == 2:  # kept per object: `Events.on(player, type, fn)` is `player.on(type, fn)`
                found.append((on, adding, keys[0], [keys[1], listener_at]))
                found.append((off, removing, keys[0], [keys[1], listener_at]))
            else:  # kept by the event alone: the store itself holds them
                found.append((on, adding, -1, [*keys, listener_at]))
                found.append((off, removing, -1, [*keys, listener_at]))
    return found


def _store_text(model: FileModel, function: Function, node: Node | None) -> str | None:
    """The collection expression's text with the function's parameters as `$0`, `$1`… (through one local)."""
    node = syntax.unwrap(node)
    if node is not None and node.type == "identifier":
        binding = model.resolve(node)
        if binding is not None and binding.kind in ("const", "let", "var") and binding.init is not None and not binding.writes:
            node = syntax.unwrap(binding.init)
    if node is None:
        return None
    text = " ".join(syntax.text(node).split())
    for i, target in enumerate(function.argument_targets()):
        if target is not None and target.type == "identifier":
            text = re.sub(rf"(?<![\w$.]){re.escape(syntax.text(target))}(?![\w$])", f"${i}", text)
    return text if "$" in text else None


def _grown_store(model: FileModel, function: Function) -> tuple[str, int] | None:
    """(the collection's text, the listener parameter's position) for the one store the function grows."""
    found = set()
    for binding in function.params:
        position = function.parameter_position(binding.node)
        if position is None:
            continue  # destructured or rest: no argument of its own
        for reference in binding.reads:
            node = reference.node
            parent = node.parent
            collection = None
            if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("right") == node:
                left = syntax.unwrap(parent.child_by_field_name("left"))
                if left is not None and left.type == "subscript_expression":
                    collection = left.child_by_field_name("object")
            else:
                site = model.call_passing(node)
                if site is not None and site.method in _STORE_GROWERS and site.receiver is not None:
                    index = site.index_of(node)
                    if index == (1 if site.method == "set" else 0):
                        collection = site.receiver
            if collection is not None and model.function_at(node) is function:
                text = _store_text(model, function, collection)
                if text is not None:
                    found.add((text, position))
    return found.pop() if len(found) == 1 else None


def _shrinks_store(model: FileModel, function: Function, text: str) -> bool:
    """The function shrinks the collection named ``text`` (`.splice`, `.delete`, `.remove`, or `c = c.filter(…)`)."""
    for site in model.method_calls(*_STORE_SHRINKERS):
        if site.function is not function or site.receiver is None or _store_text(model, function, site.receiver) != text:
            continue
        if site.method != "filter":
            return True
        parent = site.node.parent  # a filtered copy shrinks nothing unless it replaces the collection
        if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("right") == site.node:
            if _store_text(model, function, parent.child_by_field_name("left")) == text:
                return True
    return False


def _linked_forwarded_calls(model: FileModel) -> list[CallSite]:
    """`dom.addEventListener(document, 'keydown', fn)` / `on(el, 'x', fn)`: calls of another file's forwarder."""
    forwarders = model.external.forwarders
    if not forwarders:
        return []
    found = []
    for (local, member), (method, receiver_at, argument_at) in forwarders:
        for call in calls_of_imported(model, local, member):
            if max([receiver_at, *argument_at]) < len(call.arguments):
                found.append(_standing_for(call, method, receiver_at, argument_at))
    return found


def forwarded_call_table(model: FileModel) -> dict[int, CallSite]:
    """``forwarded_calls`` by the start of the helper call they stand for (through ``model.fact``)."""
    return {site.node.start_byte: site for site in [*forwarded_calls(model), *_linked_forwarded_calls(model)]}


def listener_index(model: FileModel) -> ListenerIndex:
    """Build (once per file, through ``model.fact``) the registration and removal index."""
    registrations = []
    table = model.fact("forwarded-calls", forwarded_call_table)
    forwarded = list(table.values())
    acquire = model.options.acquire_methods - LISTENER_METHODS - {"addEventListener"}
    # `$rootScope.$on(name, fn)`: AngularJS scopes' listeners; `$on` returns the deregistration function.
    builtin_subscribe = "subscribe" not in acquire
    # `dom.addEventListener(document, …)` of another file's forwarder is taken only as what it stands for
    hooks = MONGOOSE_HOOK_METHODS if b"chema" in model.source else ()  # `schema.post('save', fn)` needs a schema
    for site in [*(s for s in model.method_calls(*LISTENER_METHODS, "addEventListener", "$on", *acquire, "subscribe", *hooks)
                   if s.node.start_byte not in table),
                 *(f for f in forwarded if f.method in ("addEventListener", "on", "addListener"))]:
        if site.method in acquire and len(site.arguments) == 1:
            registrations.append(_acquisition(model, site))
            continue
        if site.method == "subscribe" and builtin_subscribe:
            if is_observable_subscription(site):  # `items$.subscribe(fn)`, `store.subscribe(fn)`
                registrations.append(_acquisition(model, site))
            continue
        if site.method == "addListener" and len(site.arguments) == 1 and media_query_list(model, site.receiver):
            registrations.append(_media_query_listener(model, site))  # `mql.addListener(fn)`: a 'change' listener
            continue
        if site.method in MONGOOSE_HOOK_METHODS:
            hook = mongoose_hook(model, site)
            if hook is not None:
                registrations.append(hook)
            continue
        if len(site.arguments) < 2:
            continue
        if syntax.string_value(site.argument(1)) is not None and syntax.string_value(site.argument(0)) is None:
            # `util.addListener(socket, 'error', fn)`: a helper that takes the target first. No
            # emitter's on()/addEventListener() takes a string as its listener.
            continue
        if site.argument(1).type in _NOT_LISTENERS:
            continue  # `centerFocus.on(element, false)`: a helper's flag, no emitter takes a boolean or number as listener
        registrations.append(_registration(model, site))
    removals = []
    release = {k: v for k, v in model.options.release_methods.items() if k not in REMOVAL_METHODS}
    builtin_release = builtin_subscribe and "unsubscribe" not in release
    if builtin_release:  # `store.unsubscribe(fn)` undoes `store.subscribe(fn)`
        release["unsubscribe"] = "subscribe"
    cleanup = model.options.cleanup_methods - REMOVAL_METHODS - set(release)
    # Vue 2's `vm.$off(event, fn)`, `$off(event)` (every listener of the event) and `$off()` (all of them).
    for site in [*(s for s in model.method_calls(*REMOVAL_METHODS, "removeAllListeners", "$off", *release, *cleanup)
                   if s.node.start_byte not in table),
                 *(f for f in forwarded if f.method in ("removeEventListener", "off", "removeListener"))]:
        if site.method in cleanup:  # a configured cleanup method releases everything on its receiver
            removals.append(Removal(site, _receiver_path(model, site.receiver), None, None, True))
            continue
        if site.method == "removeListener" and len(site.arguments) == 1 and media_query_list(model, site.receiver):
            key = listener_key(model, site.argument(0))
            removals.append(Removal(site, _receiver_path(model, site.receiver), "change", key, False))
            continue
        if builtin_release and site.method == "unsubscribe" and len(site.arguments) != 1:
            continue  # `subscription.unsubscribe()`: the subscription object, not a listener removal
        if site.method in release and len(site.arguments) == 1:
            key = listener_key(model, site.argument(0))
            removals.append(Removal(site, _receiver_path(model, site.receiver), f"<{release[site.method]}>", key, False))
            continue
        # `off(event)` with no function removes every listener of the event in
        # component-emitter, socket.io and mitt (Node's EventEmitter throws).
        # Backbone.Events and component-emitter: `off()` removes every listener, `off(null, fn)` the function
        # from every event and `off(null, null, view)` every listener bound with that context.
        any_event = site.method == "off" and (not site.arguments or _is_nothing(site.argument(0)))
        remove_all = (
            site.method == "removeAllListeners"
            or (site.method == "off" and len(site.arguments) == 1)
            or (site.method == "$off" and len(site.arguments) <= 1)
            or (any_event and (len(site.arguments) < 2 or _is_nothing(site.argument(1))))
        )
        event = _event_key(site.argument(0)) if site.arguments and not any_event else None
        key = None if remove_all else listener_key(model, site.argument(1))
        removals.append(Removal(site, _receiver_path(model, site.receiver), event, key, remove_all))
    for registration in registrations:
        registration.kept_in = _kept_in(model, registration.listener)
        registration.event_alias = _event_field_alias(model, registration.site)
        registration.stored_as = _stored_as(model, registration.listener)
        registration.stored_in = _stored_in(model, registration.listener)
    for removal in removals:
        if not removal.remove_all and len(removal.site.arguments) >= 2:
            removal.taken_from = _taken_from(model, removal.site.argument(1))
            removal.passed = _helper_arguments(model, removal)
    once_registrations = []
    for site in model.method_calls(*ONCE_METHODS):
        if len(site.arguments) >= 2 and syntax.string_value(site.argument(1)) is None:
            registration = _registration(model, site)
            registration.once = True
            registration.kept_in = _kept_in(model, registration.listener)
            once_registrations.append(registration)
    return ListenerIndex(registrations, removals, once_registrations)


# Mongoose middleware: `schema.pre('save', fn)` / `schema.post('remove', fn)` add a hook to the schema's
# hook list, which Mongoose offers no way to remove, for every document the schema's models ever handle.
MONGOOSE_HOOK_METHODS = ("pre", "post")
MONGOOSE_HOOK_EVENTS = frozenset(
    {"save", "validate", "remove", "deleteOne", "deleteMany", "updateOne", "updateMany", "init", "find", "findOne",
     "findOneAndUpdate", "findOneAndDelete", "findOneAndRemove", "findOneAndReplace", "replaceOne", "update",
     "count", "countDocuments", "estimatedDocumentCount", "distinct", "aggregate", "insertMany", "bulkWrite"}
)


def mongoose_hook(model: FileModel, site: CallSite) -> Registration | None:
    """`Thing.schema.post('save', fn)`, `ThingSchema.pre('save', fn)`: a Mongoose schema hook, never removable.

    Only on what is a schema by how it is reached (a model's `.schema`, or a
    binding of `new Schema(…)` / `new mongoose.Schema(…)`), with a literal
    hook name Mongoose knows and a function: `router.post('/save', fn)` and
    `axios.post(url, body)` are not hooks.
    """
    if len(site.arguments) < 2 or syntax.string_value(site.argument(0)) not in MONGOOSE_HOOK_EVENTS:
        return None
    listener = syntax.unwrap(site.argument(len(site.arguments) - 1))
    if listener is None or listener.type not in FUNCTION_KINDS and listener.type != "identifier":
        return None
    if not _is_mongoose_schema(model, site.receiver):
        return None
    event = syntax.string_value(site.argument(0))
    return Registration(
        site=site,
        receiver=_receiver_path(model, site.receiver),
        event=f"<{site.method}:{event}>",
        event_label=f"Mongoose's `{site.method}('{event}')` hook (a schema hook cannot be removed)",
        listener=listener,
        listener_key=listener_key(model, listener),
        once=False,
        has_signal=False,
        keeps_return_value=False,
    )


def _is_mongoose_schema(model: FileModel, receiver: Node | None) -> bool:
    receiver = syntax.unwrap(receiver)
    if receiver is None:
        return False
    if receiver.type == "member_expression":
        prop = receiver.child_by_field_name("property")
        return prop is not None and syntax.text(prop) == "schema"  # `Thing.schema`: a Mongoose model's schema
    if receiver.type != "identifier":
        return False
    binding = model.resolve(receiver)
    made = syntax.unwrap(binding.init) if binding is not None else None
    if made is None or made.type != "new_expression":
        return False
    constructor = syntax.unwrap(made.child_by_field_name("constructor"))
    return constructor is not None and syntax.text(constructor) in ("Schema", "mongoose.Schema")


def _is_nothing(node: Node | None) -> bool:
    """`null` or `undefined`: an argument that stands for "any"."""
    node = syntax.unwrap(node)
    return node is not None and (node.type in ("null", "undefined") or node.type == "identifier" and node.text == b"undefined")


def _helper_arguments(model: FileModel, removal: Removal) -> tuple[tuple[str | None, ListenerKey | None], ...]:
    """What the file's calls of a removing helper pass for the removal's event and function.

    `function removeListener(event, listener) { return function () { bus.removeListener(event, listener); }; }`
    removes whatever its callers give it: with `bus.on(event, listener)` and
    `socket.on('disconnect', removeListener(event, listener))` that is the
    added function, for the same event.  Only a listener that is a plain,
    never reassigned parameter of the helper (or of a function around the
    removal); an event that is not a parameter stays the removal's own.
    """
    argument = syntax.unwrap(removal.site.argument(1))
    if argument is None or argument.type != "identifier":
        return ()
    binding = model.resolve(argument)
    if binding is None or binding.kind != "param" or binding.writes or binding.scope.function is None:
        return ()
    helper = binding.scope.function
    position = helper.parameter_position(binding.node)
    if position is None:
        return ()
    event_node = syntax.unwrap(removal.site.argument(0))
    event_binding = model.resolve(event_node) if event_node is not None and event_node.type == "identifier" else None
    event_position = (
        helper.parameter_position(event_binding.node)
        if event_binding is not None and event_binding.kind == "param" and event_binding.scope.function is helper
        else None
    )
    passed = []
    for call in direct_calls(model, helper):
        event = _event_key(call.argument(event_position)) if event_position is not None else removal.event
        passed.append((event, listener_key(model, call.argument(position))))
    return tuple(passed)


def _media_query_listener(model: FileModel, site: CallSite) -> Registration:
    """`mql.addListener(fn)` on a MediaQueryList: the old form of `mql.addEventListener('change', fn)`."""
    return Registration(
        site=site,
        receiver=_receiver_path(model, site.receiver),
        event="change",
        event_label="'change'",
        listener=site.argument(0),
        listener_key=listener_key(model, site.argument(0)),
        once=False,
        has_signal=False,
        keeps_return_value=False,
    )


def _acquisition(model: FileModel, site: CallSite) -> Registration:
    """`store.subscribe(listener)`: a configured acquire method that takes only the listener."""
    return Registration(
        site=site,
        receiver=_receiver_path(model, site.receiver),
        event=f"<{site.method}>",
        event_label=f"`{site.method}()`",
        listener=site.argument(0),
        listener_key=listener_key(model, site.argument(0)),
        once=False,
        has_signal=False,
        keeps_return_value=_return_value_kept(site, model),
    )


def _registration(model: FileModel, site: CallSite) -> Registration:
    event_node = site.argument(0)
    event = _event_key(event_node)
    literal = syntax.string_value(event_node)
    label = f"'{literal}'" if literal is not None else f"`{model.node_text(event_node, 30)}`"
    options = site.argument(2)
    once = _option_true(options, "once")
    has_signal = _has_option(options, "signal")
    signal_ignored = has_signal and site.method in LISTENER_METHODS and is_node_event_emitter(model, site.receiver)
    return Registration(
        site=site,
        receiver=_receiver_path(model, site.receiver),
        event=event,
        event_label=label,
        listener=site.argument(1),
        listener_key=listener_key(model, site.argument(1)),
        once=once,
        has_signal=has_signal and not signal_ignored,
        # The DOM's addEventListener() returns undefined: what it "returns" is never a disposer,
        # unless the code treats it as a subscription (React Native's `AppState.addEventListener`)
        keeps_return_value=_return_value_kept(site, model)
        and (site.method != "addEventListener" or _subscription_removed(model, site)),
        signal_ignored=signal_ignored,
    )


EVENTS_MODULES = frozenset({"events", "node:events"})


def _receiver_path(model: FileModel, receiver: Node | None):
    """The receiver's access path; an argument-less getter call stands for what it returns.

    A function-local `const` holding a property (`const s = Redis.subscriber`)
    stands for that property.

    `const events = locator.getEventManager(); events.on(…)` and a later
    `locator.getEventManager().off(…)` name the same receiver: both are
    `locator.getEventManager()`.
    """
    node = syntax.unwrap(receiver)
    if node is not None and node.type == "identifier":
        binding = model.resolve(node)
        init = syntax.unwrap(binding.init) if binding is not None and binding.kind == "const" else None
        if init is not None and _getter_call(init):
            node = init
        elif init is not None and init.type == "member_expression" and not binding.is_module_level:
            # `const subscriber = Redis.subscriber; subscriber.on(…)` in one method and the same
            # local in another `.off(…)`: both name `Redis.subscriber`
            path = model.access_path(init)
            if path is not None:
                return path
    wrapped = wrapped_page_object(model, node) if node is not None and node.type == "call_expression" else None
    if wrapped is not None:
        # `$(window).on(…)` here and `$(window).off(…)` there: two wrappers of one window
        return ("$", wrapped[0])
    selector = page_element_set(model, node) if node is not None and node.type == "call_expression" else None
    if selector is not None:
        return ("$", selector)  # `$('.input').on(…)` and `$('.input').off(…)`: the same page elements
    if node is not None and _getter_call(node):
        base = model.access_path(node.child_by_field_name("function"))
        return (*base[:-1], base[-1] + "()") if base is not None else None
    return model.access_path(receiver)


def _getter_call(node: Node) -> bool:
    """`a.getX()` with no arguments."""
    if node.type != "call_expression":
        return False
    callee = syntax.unwrap(node.child_by_field_name("function"))
    arguments = node.child_by_field_name("arguments")
    if callee is None or callee.type != "member_expression" or arguments is None:
        return False
    prop = callee.child_by_field_name("property")
    named = [a for a in arguments.named_children if a.type != "comment"]
    return not named and prop is not None and syntax.text(prop).startswith("get")


def is_node_event_emitter(model: FileModel, receiver: Node | None) -> bool:
    """`process`, or a binding made with `new EventEmitter()` from Node's `events` module.

    Node's EventEmitter.on(event, listener) has no options parameter: a
    `{ signal }` passed to it is ignored (EventTarget.addEventListener honours it).
    """
    receiver = syntax.unwrap(receiver)
    if receiver is None or receiver.type != "identifier":
        return False
    if model.is_global(receiver, "process"):
        return True
    binding = model.resolve(receiver)
    init = syntax.unwrap(binding.init) if binding is not None else None
    if init is None or init.type != "new_expression":
        return False
    constructor = syntax.unwrap(init.child_by_field_name("constructor"))
    if constructor is None:
        return False
    if constructor.type == "member_expression":  # `new events.EventEmitter()`
        prop = constructor.child_by_field_name("property")
        source = imported_name(model.resolve(constructor.child_by_field_name("object")))
        return prop is not None and prop.text == b"EventEmitter" and source is not None and source[0] in EVENTS_MODULES
    source = imported_name(model.resolve(constructor))
    return source is not None and source[0] in EVENTS_MODULES and source[1] in ("EventEmitter", WHOLE_MODULE, "default")


SUBSCRIPTION_REMOVERS = ("remove", "unsubscribe", "dispose")


def _subscription_removed(model: FileModel, site: CallSite) -> bool:
    """`const sub = X.addEventListener(…)` and later `sub.remove()`: the call returns a subscription.

    React Native's `AppState`, `Dimensions`, `Linking` and `BackHandler`
    return an object whose `remove()` unregisters; the DOM's method returns
    undefined, which no code calls a method on.  The result is held in a
    local (`const sub = …`) or a field (`this.sub = …`).
    """
    parent = site.node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression", "non_null_expression"):
        parent = parent.parent
    if parent is None:
        return False
    if parent.type == "variable_declarator":
        holder = parent.child_by_field_name("name")
    elif parent.type == "assignment_expression":
        holder = parent.child_by_field_name("left")
    else:
        return False
    if holder is None or holder.type not in ("identifier", "member_expression"):
        return False
    held = " ".join(syntax.text(holder).split())
    binding = model.resolve(holder) if holder.type == "identifier" else None
    for removal in model.method_calls(*SUBSCRIPTION_REMOVERS):
        receiver = syntax.unwrap(removal.receiver)
        if receiver is None or " ".join(syntax.text(receiver).split()) != held:
            continue
        if binding is None or model.resolve(receiver) is binding:
            return True
    return False


def _return_value_kept(site: CallSite, model: FileModel | None = None) -> bool:
    """`const off = bus.on(...)`: the value is used, not discarded or chained (`a.on(...).on(...)`).

    A local that holds it and is never read again (`const sub = x.subscribe(…)`
    and nothing more) keeps nothing either.
    """
    parent = site.node.parent
    if parent is None or parent.type in ("expression_statement", "member_expression", "sequence_expression"):
        return False
    if model is not None and parent.type == "variable_declarator":
        name = parent.child_by_field_name("name")
        binding = model.resolve(name) if name is not None and name.type == "identifier" else None
        if binding is not None and binding.kind in ("const", "let", "var") and not binding.reads and not binding.is_module_level:
            return False
    return True


def _event_field_alias(model: FileModel, site: CallSite) -> str | None:
    """`this.id` for `const uid = uuid(); this.id = uid; ipc.on(uid, fn)` in a constructor, else None.

    The constructor runs once per instance, so when every assignment to the
    field in the class stores that one local, `this.id` is the same event name
    in any method: `ipc.removeListener(this.id, fn)` in `destroy()` removes it.
    """
    node = syntax.unwrap(site.argument(0)) if site.arguments else None
    if node is None or node.type != "identifier":
        return None
    binding = model.resolve(node)
    if binding is None or binding.kind != "const" or binding.is_module_level:
        return None
    function = site.function
    function = function.this_owner if function is not None else None
    context = function.context if function is not None else ()
    if not (len(context) > 2 and context[0] == "method" and context[2] == "constructor"):
        return None
    if model.function_at(binding.node) is not function:
        return None  # a local of the constructor itself, made once per instance
    for name, values in context[1].instance_fields.items():
        stored = [v for v in values if v is not None and v.type not in _FIELD_DECLARATIONS]
        if stored and all(
            (value := syntax.unwrap(v)) is not None and value.type == "identifier" and model.resolve(value) is binding
            for v in stored
        ):
            return f"this.{name}"
    return None


# A field declared without a value (`id!: string`) is recorded as its declaration: no value stored.
_FIELD_DECLARATIONS = frozenset({"public_field_definition", "field_definition"})


def _event_key(node: Node | None) -> str | None:
    node = syntax.unwrap(node)
    if node is None:
        return None
    literal = syntax.string_value(node)
    if literal is not None:
        return literal
    suffixed = _suffixed_event(node)
    if suffixed is not None:
        return suffixed
    return " ".join(syntax.text(node).split())


def _suffixed_event(node: Node) -> str | None:
    """`'mousemove.' + this.getId()` and `'mousemove.' + dialog.getId()` name one event: "mousemove.{getId}".

    A literal prefix and the instance's own id, read through `this` in one
    method and through an alias in the callback that removes it; compared by
    the prefix and the last property name, not by the receiver's text.
    """
    if node.type != "binary_expression":
        return None
    operator = node.child_by_field_name("operator")
    if operator is None or operator.type != "+":
        return None
    prefix = syntax.string_value(node.child_by_field_name("left"))
    right = syntax.unwrap(node.child_by_field_name("right"))
    if prefix is None or right is None:
        return None
    if right.type == "call_expression":
        arguments = right.child_by_field_name("arguments")
        if arguments is None or arguments.named_child_count:
            return None  # `'x.' + make(n)`: a computed name, not the instance's id
        right = syntax.unwrap(right.child_by_field_name("function"))
    if right is None or right.type != "member_expression":
        return None
    prop = right.child_by_field_name("property")
    return f"{prefix}{{{syntax.text(prop)}}}" if prop is not None else None


def listener_key(model: FileModel, node: Node | None) -> ListenerKey | None:
    """How to recognise the same listener function elsewhere in the file."""
    node = syntax.unwrap(node)
    if node is None:
        return None
    if node.type in FUNCTION_KINDS:
        return ("new", node.start_byte)
    if node.type == "call_expression":
        callee = syntax.unwrap(node.child_by_field_name("function"))
        if callee is not None and callee.type == "member_expression":
            prop = callee.child_by_field_name("property")
            if prop is not None and prop.text == b"bind":
                return ("new", node.start_byte)
        return None
    entries = _entry_value_of(model, node)
    if entries is not None:
        return ("entries", entries)
    alias = _alias_of(model, node)
    if alias is not None:
        key = listener_key(model, alias)  # `const h = this.onMessage`: the same function as `this.onMessage`
        if key is not None:
            return key
        # `const h = useRef(fn).current`: what it reads has no name of its own, so the local is the name
    path = model.access_path(node)
    if path is None:
        return None
    return ("path", path)


def _entry_value_of(model: FileModel, node: Node) -> AccessPath | None:
    """`P` when the name is the value half of an entry of `Object.entries(P)`: `([event, handler]) => …`.

    `Object.entries(this.playerEvents).forEach(([event, handler]) => on(event, handler))` and the
    same loop with `off` elsewhere go over the same object's values: the functions added are the
    ones removed.  The second element of an array pattern that is the first parameter of a
    `.forEach` callback, or the left side of a `for … of`, over `Object.entries` of a named object
    (a path: a field, a module binding; not a call's result).
    """
    if node.type != "identifier":
        return None
    binding = model.resolve(node)
    if binding is None or binding.kind not in ("param", "const", "let", "var") or binding.writes:
        return None
    pattern = binding.node.parent
    if pattern is None or pattern.type != "array_pattern":
        return None
    elements = [c for c in pattern.named_children if c.type != "comment"]
    if len(elements) < 2 or elements[1] != binding.node:
        return None
    holder = pattern.parent
    if holder is not None and holder.type == "required_parameter":  # TypeScript wraps a parameter
        holder = holder.parent
    iterated = None
    if holder is not None and holder.type == "formal_parameters":
        params = [c for c in holder.named_children if c.type != "comment"]
        callback = holder.parent
        if not params or params[0] not in (pattern, pattern.parent) or callback is None:
            return None
        arguments = callback.parent
        call = arguments.parent if arguments is not None and arguments.type == "arguments" else None
        if call is None or call.type != "call_expression":
            return None
        site = model.call_site(call)
        if site.method != "forEach" or site.argument(0) != callback:
            return None
        iterated = site.receiver
    elif holder is not None and holder.type == "for_in_statement" and holder.child_by_field_name("left") == pattern:
        operator = next((c for c in holder.children if c.type in ("of", "in")), None)
        if operator is None or operator.type != "of":
            return None
        iterated = holder.child_by_field_name("right")
    iterated = syntax.unwrap(iterated)
    if iterated is None or iterated.type != "call_expression":
        return None
    entries = model.call_site(iterated)
    receiver = syntax.unwrap(entries.receiver)
    if entries.method != "entries" or receiver is None or not model.is_global(receiver, "Object") or len(entries.arguments) != 1:
        return None
    value = entries.argument(0)
    if value is None or value.type not in ("identifier", "member_expression"):
        return None
    return model.access_path(value)


def _alias_of(model: FileModel, node: Node) -> Node | None:
    """What a local, never reassigned alias of another reference holds: `const h = this.onX` -> `this.onX`."""
    if node.type != "identifier":
        return None
    binding = model.resolve(node)
    if binding is None or binding.kind not in ("const", "let", "var") or binding.writes:
        return None
    init = syntax.unwrap(binding.init)
    if init is None or init.type not in ("identifier", "member_expression") or init.start_byte >= node.start_byte:
        return None
    return init


def _object_members(node: Node | None) -> list[Node]:
    node = syntax.unwrap(node)
    if node is None or node.type != "object":
        return []
    return node.named_children


def _option_true(node: Node | None, key: str) -> bool:
    for member in _object_members(node):
        if member.type == "pair":
            name = member.child_by_field_name("key")
            value = syntax.unwrap(member.child_by_field_name("value"))
            if name is not None and syntax.text(name).strip("'\"") == key:
                return value is not None and value.type == "true"
    return False


def _has_option(node: Node | None, key: str) -> bool:
    for member in _object_members(node):
        if member.type == "shorthand_property_identifier" and syntax.text(member) == key:
            return True
        if member.type == "pair":
            name = member.child_by_field_name("key")
            if name is not None and syntax.text(name).strip("'\"") == key:
                return True
    return False


_KEEP_METHODS = {"push": 0, "unshift": 0, "add": 0, "set": 1}


def _kept_in(model: FileModel, listener: Node | None) -> AccessPath | None:
    """The collection a local listener function is also stored in (`handlers[pos] = fn`, `handlers.push(fn)`)."""
    listener = syntax.unwrap(listener)
    binding = model.resolve(listener) if listener is not None and listener.type == "identifier" else None
    if binding is None or binding.kind not in ("const", "let", "var"):
        return None
    for reference in binding.reads:
        node = reference.node
        parent = node.parent
        if parent is not None and parent.type == "pair" and parent.child_by_field_name("value") == node:
            # `handlers.push({ socket, fn })`: kept as a field of a record in the collection
            node, parent = parent.parent, parent.parent.parent if parent.parent is not None else None
            if node is None or node.type != "object":
                continue
        if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("right") == node:
            left = syntax.unwrap(parent.child_by_field_name("left"))
            if left is not None and left.type == "subscript_expression":
                return model.access_path(left.child_by_field_name("object"))
        site = model.call_passing(node)
        if site is not None:
            index = _KEEP_METHODS.get(site.method or "")
            if index is not None and site.receiver is not None and site.argument(index) == node:
                return model.access_path(site.receiver)
    return None


def _stored_as(model: FileModel, listener: Node | None) -> tuple[str, ...]:
    """The property names a local listener function is also assigned to (`state.listeners.onMove = fn`), or ()."""
    listener = syntax.unwrap(listener)
    binding = model.resolve(listener) if listener is not None and listener.type == "identifier" else None
    if binding is None or binding.kind not in ("const", "let", "var"):
        return ()
    for reference in binding.reads:
        parent = reference.node.parent
        if parent is not None and parent.type == "assignment_expression" and (
            parent.child_by_field_name("right") == reference.node
        ):
            tail = _property_tail(parent.child_by_field_name("left"))
            if tail:
                return tail
    return ()


def _stored_in(model: FileModel, listener: Node | None) -> AccessPath | None:
    """The field a local listener function, never reassigned, is also assigned to (`this.keyDownHandler = fn`), or None."""
    listener = syntax.unwrap(listener)
    binding = model.resolve(listener) if listener is not None and listener.type == "identifier" else None
    if binding is None or binding.kind not in ("const", "let", "var") or binding.writes:
        return None
    for reference in binding.reads:
        parent = reference.node.parent
        if parent is not None and parent.type == "assignment_expression" and (
            parent.child_by_field_name("right") == reference.node
        ):
            left = syntax.unwrap(parent.child_by_field_name("left"))
            if left is not None and left.type == "member_expression":
                return model.access_path(left)
    return None


def _property_tail(node: Node | None) -> tuple[str, ...]:
    """`state.listeners.onMove` → ("listeners", "onMove"): the names after a local or parameter root, or ().

    Only plain property reads (no `this`, no computed keys): the path of a
    record, not of the object that owns the method.
    """
    names = []
    node = syntax.unwrap(node)
    while node is not None and node.type == "member_expression" and len(names) < 4:
        prop = node.child_by_field_name("property")
        if prop is None or prop.type != "property_identifier":
            return ()
        names.append(syntax.text(prop))
        node = syntax.unwrap(node.child_by_field_name("object"))
    if node is None or node.type != "identifier" or not names:
        return ()
    return tuple(reversed(names))


def _taken_from(model: FileModel, node: Node | None) -> AccessPath | None:
    """The collection a removal's function is read from: `handlers[pos]`, `map.get(k)`, or a local holding one."""
    node = syntax.unwrap(node)
    if node is not None and node.type == "identifier":
        node = model.local_value(node)
    if node is None:
        return None
    if node.type == "member_expression":  # `handlers[i].fn`: a field of a record kept in the collection
        record = syntax.unwrap(node.child_by_field_name("object"))
        if record is not None and record.type == "subscript_expression":
            return model.access_path(record.child_by_field_name("object"))
        return None
    if node.type == "subscript_expression":
        return model.access_path(node.child_by_field_name("object"))
    if node.type == "call_expression":
        site = model.call_site(node)
        if site.method == "get" and site.receiver is not None:
            return model.access_path(site.receiver)
    return None


def wrapped_callback_removal(model: FileModel, index: ListenerIndex, registration: Registration) -> Removal | None:
    """A removal meant for this listener that passes the callback the listener only wraps, so it never matches.

    `on(id, (a, b) => callback(a, b, remove))` … `removeListener(id, callback)`:
    the added function is the new arrow, the removal names the parameter the
    arrow calls.  The per-listener removal shows that this listener is meant
    to be taken back one at a time; a `removeAllListeners(id)` elsewhere (an
    on-demand reset) does not stand in for it.  None when another removal
    passes the added function itself.
    """
    listener = syntax.unwrap(registration.listener)
    if listener is None or listener.type not in FUNCTION_KINDS:
        return None
    closure = model.function_of(listener)
    if closure is None:
        return None
    captured = {id(binding) for binding in model.captures_of(closure) if binding.kind == "param"}
    found = None
    for removal in index.removals_for(registration):
        if removal.remove_all:
            continue
        if removal.listener_key == registration.listener_key:
            return None
        removed = syntax.unwrap(removal.site.argument(1))
        binding = model.resolve(removed) if removed is not None and removed.type == "identifier" else None
        if binding is not None and id(binding) in captured:
            found = found or removal
        else:
            return None  # some other removal: leave the matching to is_removed
    return found
