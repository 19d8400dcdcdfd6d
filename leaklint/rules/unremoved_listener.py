"""LL002 unremoved-listener.

What it does:
    Finds `.on()`, `.addListener()`, `.prependListener()` and
    `.addEventListener()` calls that add a listener to a long-lived object
    (a module-level emitter, `process`, `window`, an imported singleton) from
    code that runs per request or repeatedly, when nothing in the file removes
    that same function again.

Why is this a leak:
    The emitter keeps every listener in its listener array, and each listener
    keeps its closure (and whatever the closure captures) alive. The emitter is
    reachable from a GC root, so one new listener per request is one retained
    closure per request, forever.

Example:
    app.get('/users/:id', (req, res) => {
      tracker.on('user-update', (data) => notify(req.params.id, data));
      res.json({ ok: true });
    });

Use instead:
    app.get('/users/:id', (req, res) => {
      const onUpdate = (data) => notify(req.params.id, data);
      tracker.on('user-update', onUpdate);
      res.on('close', () => tracker.off('user-update', onUpdate));
      res.json({ ok: true });
    });

Known false positives:
    A removal that happens in another file (the rule only looks in the file
    that registers), or a registration that runs a bounded number of times.
"""

from __future__ import annotations

from leaklint.findings import Applicability, Fix, FixAvailability, Severity
from leaklint.model.dom_listeners import deduplicated_by_target, event_target_element
from leaklint.model.electron import registered_only_before_app_ready
from leaklint.model.frequency import registered_only_while_loading
from leaklint.model.handed_out import per_call_closure
from leaklint.model.lifetime import Lifetime, LifetimeFact, fresh_value_at, keep_alive_connection
from leaklint.model.listeners import MONGOOSE_HOOK_METHODS, Registration, listener_index, wrapped_callback_removal
from leaklint.model.replaced_receivers import replaced_before_add
from leaklint.model.teardown import removed_only_outside_teardown
from leaklint import syntax
from leaklint.model.shape import injected_service_lifetime, per_instance_binding, is_this_or_alias, key_source, one_shot_guard, reinit_call
from leaklint.model.calls import LISTENER_METHODS, ONCE_METHODS, REMOVAL_METHODS
from leaklint.model.options import ModelOptions
from leaklint.rules.base import RelatedNode, Rule, RuleContext, confidence


class UnremovedListener(Rule):
    """Listener added repeatedly to a long-lived emitter and never removed."""

    code = "LL002"
    name = "unremoved-listener"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = "A listener is added to a long-lived emitter on every request or call and never removed"
    fix_title = "Remove the same function with .off() on cleanup, or pass { signal } / use .once()"
    precision = "high"

    @classmethod
    def required_words(cls, options: ModelOptions) -> frozenset[str]:
        """Only registrations and removals are checked: the method names listener_index looks for."""
        return frozenset(
            LISTENER_METHODS | ONCE_METHODS | REMOVAL_METHODS
            | {"addEventListener", "removeAllListeners", "$on", "$off", "subscribe", "schema", "Schema"}
            | options.acquire_methods | set(options.release_methods) | options.cleanup_methods
        )

    def on_file_end(self, ctx: RuleContext) -> None:
        """Check every registration, then every removal that can never match."""
        model = ctx.model
        index = model.fact("listeners", listener_index)
        explained: set[int] = set()
        self._reported: dict[tuple, Registration] = {}
        for registration in sorted(index.registrations, key=lambda r: r.site.node.start_byte):
            removals = self._check(registration, index, ctx)
            explained.update(id(r) for r in removals)
        for registration in index.once_registrations:
            self._check_once(registration, index, ctx)
        for removal in index.removals:
            if removal.can_never_match and id(removal) not in explained:
                if not model.lifetime(removal.site.receiver).is_long_lived:
                    continue  # a short-lived emitter drops its listeners with itself
                what = "a `.bind()` result" if removal.listener_key and _is_bind(removal) else "a new function"
                ctx.report(
                    removal.site.node,
                    f"{removal.site.method}() is given {what}, which was never registered, "
                    "so it removes nothing; pass the same function reference that was added",
                )

    def _check(self, registration: Registration, index, ctx: RuleContext) -> list:
        if registration.once or registration.has_signal:
            return []  # removed after one call, or by aborting the signal
        if registration.keeps_return_value:
            return []  # the caller keeps what .on() returned: a disposer in several libraries
        if registered_only_while_loading(registration.site):
            return []  # a 'load'/'DOMContentLoaded' listener added only before the page has loaded
        if registered_only_before_app_ready(ctx.model, registration.site):
            return []  # an Electron `app.on('ready')` added only while `app.isReady()` is false
        model = ctx.model
        site = registration.site
        if self._check_reinit(registration, index, ctx):
            return []
        frequency = model.frequency(site.function)
        handed = None
        if not (frequency.repeats_for_sure or frequency.repeats_per_event_by_shape or _unseen_class_method(model, site, frequency)):
            # Registered as often as unseen callers decide: only a closure each call makes over its own
            # arguments, given to a long-lived receiver, is evidence enough (model/handed_out.py).
            handed = per_call_closure(model, site.function, registration.listener)
            if handed is None:
                return []  # registered once, or an exported setup function
            frequency = handed.fact(model)
        receiver = model.lifetime(site.receiver, infer=True)
        if handed is not None and not model.lifetime(site.receiver).is_long_lived:
            return []  # a frequency inferred from shape needs a receiver the file shows: not a name it never declares
        if not receiver.is_long_lived:
            receiver = injected_service_lifetime(model, site.receiver) or receiver
        connection = keep_alive_connection(model, site.receiver) if not receiver.is_long_lived else None
        if connection is None and not receiver.is_long_lived:
            target = event_target_element(model, site.receiver, site.function)
            if target is not None:  # the element the event fired on gets the next events, and their listeners
                connection = LifetimeFact(Lifetime.REQUEST, target, site.receiver, True)
        if connection is not None:
            receiver = connection  # `req.socket.on(…)` per request: the socket serves the next requests too
        elif not receiver.is_long_lived or per_instance_binding(model, site.receiver):
            return []  # request-scoped or local emitters (or a `<script setup>` binding) die with the listener
        if fresh_value_at(model, site.receiver) is not None:
            return []  # `conn = createConnection(); conn.on(…)`: a new emitter per call behind a module `let`
        wrapped = wrapped_callback_removal(model, index, registration)
        outside = replaced = None
        if wrapped is None and index.is_removed(registration):
            matching = [
                r for r in index.removals_for(registration)
                if r.remove_all or r.listener_key is not None and r.listener_key == registration.listener_key
            ]
            outside = removed_only_outside_teardown(model, registration, matching)
            replaced = replaced_before_add(model, registration, matching) if outside is None else None
            if outside is None and replaced is None:
                return []
        if handed is not None and wrapped is None and any(
            not r.can_never_match and (r.listener_key is None or r.listener_key == registration.listener_key)
            for r in index.removals_for(registration)
        ):
            return []  # some removal of this event on this receiver may take it back: no positive evidence
        if deduplicated_by_target(model, registration):
            return []  # the same module-level function again: an EventTarget keeps one copy
        if one_shot_guard(model, site.node) is not None:
            return []  # behind `if (!this.started) { this.started = true; … }`: once per holder of the flag
        triple = _triple(registration)
        if triple is not None:
            if triple in self._reported:
                return []  # one finding per (receiver, event, function): the first registration stands for all
            self._reported[triple] = registration
        registered_keys = {r.listener_key for r in index.registrations}
        ineffective = [
            r
            for r in index.removals_for(registration)
            if r.can_never_match or (r.listener_key is not None and r.listener_key not in registered_keys)
        ]
        where = model.describe_function(site.function)
        receiver_text = model.node_text(site.receiver, 40)
        if registration.event == "<subscribe>" and registration.site.method == "subscribe":
            message = (
                f"`subscribe()` to long-lived `{receiver_text}` ({receiver.reason}) in {where} {frequency.phrase} "
                "drops the subscription it returns, so nothing ever unsubscribes; "
                "each call leaves one more subscriber and its closure reachable"
            )
        else:
            message = (
                f"listener for {registration.event_label} is added to {'' if connection else 'long-lived '}`{receiver_text}` "
                f"({receiver.reason}) in {where} {frequency.phrase} and never removed; "
                "each call leaves one more listener and its closure reachable"
            )
        related = []
        if frequency.node is not None and frequency.node is not site.node:
            what = "inferred from its shape" if frequency.is_inferred else "runs repeatedly"
            related.append(RelatedNode(frequency.node, f"{what}: {frequency.reason}"))
        if receiver.node is not None:
            what = "inferred to be long-lived" if receiver.inferred else "is long-lived"
            if connection is not None:
                what = "outlives the request"
            related.append(RelatedNode(receiver.node, f"`{receiver_text}` {what}: {receiver.reason}"))
        if wrapped is not None and wrapped not in ineffective:
            ineffective.append(wrapped)
        for removal in ineffective:
            if removal is wrapped:
                note = (
                    f"this {removal.site.method}() passes `{model.node_text(removal.site.argument(1), 30)}`, which the "
                    "added listener only wraps, so it can never remove the listener"
                )
            elif removal.can_never_match:
                note = f"this {removal.site.method}() passes a new function, so it can never remove the listener"
            else:
                note = f"this {removal.site.method}() removes a different function than the one added"
            related.append(RelatedNode(removal.site.node, note))
        if ineffective:
            message += " (the removal in this file never matches it)"
        if replaced is not None:
            message = message.replace(
                "and never removed;",
                f"right after `{model.node_text(replaced.child_by_field_name('left'), 30)}` is given a new value, and "
                "removed only from the latest one;",
            )
            related.append(RelatedNode(replaced, "replaces the object the earlier listener was added to, without "
                                                 "removing it there: no later removal reaches it"))
        if outside is not None:
            methods = sorted({model.describe_function(r.site.function) for r in outside.removals})
            message = message.replace(
                "and never removed;",
                f"and removed only in {', '.join(methods)}, not when the component unmounts "
                f"({outside.teardown.label} does not remove it);",
            )
            related.extend(
                RelatedNode(r.site.node, f"removes it only when {model.describe_function(r.site.function)} runs")
                for r in outside.removals[:3]
            )
        if registration.signal_ignored:
            message += (
                "; EventEmitter.on() takes no options, so the { signal } passed here never removes it "
                "(use events.addAbortListener(signal, () => emitter.off(...)))"
            )
        related.extend(_captured(model, registration, receiver_text))
        ctx.report(
            site.node, message, related, fix=_fix_for(model, registration),
            confidence=confidence(frequency.is_inferred, receiver.inferred),
        )
        return ineffective


    def _check_reinit(self, registration: Registration, index, ctx: RuleContext) -> bool:
        """A listener on the instance itself, added by a method that the constructor and another method both run."""
        model = ctx.model
        site = registration.site
        if site.function is None or not is_this_or_alias(model, site.receiver) or index.is_removed(registration):
            return False
        calls = reinit_call(model, site.function)
        if calls is None or one_shot_guard(model, site.node) is not None:
            return False
        first, again = calls
        method = model.function_at(again)
        message = (
            f"listener for {registration.event_label} is added to the instance in "
            f"{model.describe_function(site.function)}, which runs again on the same instance from "
            f"{model.describe_function(method)} without removing the one added before; "
            "each re-run leaves one more listener and its closure on the instance"
        )
        related = [
            RelatedNode(first, "runs first here, from the constructor"),
            RelatedNode(again, "inferred from its shape: runs again here, on the same instance"),
        ]
        related.extend(_captured(model, registration, model.node_text(site.receiver, 40)))
        ctx.report(site.node, message, related, confidence="medium")
        return True

    def _check_once(self, registration: Registration, index, ctx: RuleContext) -> None:
        """`.once()` per call on a long-lived emitter, for an event that usually never fires for it.

        A once() listener is removed only when its event fires.  For 'error',
        'close', 'exit' (failure or end-of-life events) that is usually never,
        and for an event named by a per-call id (`this.once(request.id, …)`)
        only if the answer comes; every call that does not see it leaves one
        more listener behind.
        """
        model = ctx.model
        site = registration.site
        if site.function is None or index.is_removed(registration):
            return
        frequency = model.frequency(site.function)
        event_node = site.argument(0)
        literal = syntax.string_value(event_node)
        if not (frequency.repeats_for_sure or frequency.repeats_per_event_by_shape):
            # an event named by an id made anew per call: the function is written to be called many times
            if not (frequency.runs_repeatedly and literal is None and _fresh_event(model, event_node, site.function)):
                return
        if one_shot_guard(model, site.node) is not None:
            return
        receiver_text = model.node_text(site.receiver, 40)
        if literal is not None:
            # a pooled keep-alive connection also ends ('end') only at the end of its life, many requests later
            connection = keep_alive_connection(model, site.receiver)
            rare = RARELY_FIRING_EVENTS | CONNECTION_END_EVENTS if connection is not None else RARELY_FIRING_EVENTS
            if literal not in rare:
                return  # an answer each call waits for ('response', 'proxyRes'): it fires and removes itself
            if _triggers_itself(model, site):
                return  # `bus.once('exit', done).emit('quit')`, `process.kill(process.pid, 'SIGINT')`: fired on purpose
            receiver = model.lifetime(site.receiver, infer=True)
            if not receiver.is_long_lived:
                if connection is None:
                    return
                receiver = connection
            why = f"'{literal}' fires only on failure or at the end of `{receiver_text}`'s life"
        else:
            source, scope, owner = None, site.function, site.function
            while source is None and scope is not None:  # the id may be a parameter of the method around the executor
                source = key_source(model, event_node, scope)
                owner, scope = scope, scope.parent
            if source is not None and _settles_computed_events(model, site, owner):
                return  # the file emits per-call events itself elsewhere (a settle-all on close)
            if source is None or any(
                r.event is not None and r.event == registration.event and _may_remove(r, registration) or r.remove_all
                for r in index.removals
            ):
                return  # a fixed event, or the file removes listeners of per-call events (on close or timeout)
            receiver = model.lifetime(site.receiver, infer=True)
            if not receiver.is_long_lived and not _is_this(site.receiver):
                return
            why = f"its event is named by {source}: it fires only if that call's answer comes"
            where = model.describe_function(owner)
        if literal is not None:
            where = model.describe_function(site.function)
        message = (
            f"once() listener for {registration.event_label} is added to `{receiver_text}` in {where} "
            f"{frequency.phrase} and removed only when it fires; {why}. Each call that never sees it "
            "leaves one more listener and its closure reachable"
        )
        related = []
        if frequency.node is not None and frequency.node is not site.node:
            what = "inferred from its shape" if frequency.is_inferred else "runs repeatedly"
            related.append(RelatedNode(frequency.node, f"{what}: {frequency.reason}"))
        if receiver.is_long_lived and receiver.node is not None:
            what = "inferred to be long-lived" if receiver.inferred else "is long-lived"
            related.append(RelatedNode(receiver.node, f"`{receiver_text}` {what}: {receiver.reason}"))
        elif receiver.node is not None and receiver.is_request_scoped:
            related.append(RelatedNode(receiver.node, f"`{receiver_text}` outlives the request: {receiver.reason}"))
        related.extend(_captured(model, registration, receiver_text))
        ctx.report(site.node, message, related, confidence="medium")


# The end of a connection: on a keep-alive connection shared by many requests, the end of its life.
CONNECTION_END_EVENTS = frozenset({"end", "free", "agentRemove"})
# Events a once() listener usually never sees: failures, and the end of the emitter's life.
RARELY_FIRING_EVENTS = frozenset(
    {"error", "timeout", "abort", "aborted", "close", "exit", "beforeExit", "SIGINT", "SIGTERM", "disconnect",
     "destroyed", "closed"}  # the last two: Electron's webContents and BrowserWindow at the end of their life
)


def _may_remove(removal, registration) -> bool:
    """A removal of the same event may take this listener out: not when it names a function and the listener is inline."""
    inline = registration.listener_key is not None and registration.listener_key[0] == "new"
    if inline and registration.kept_in is None and removal.listener_key is not None:
        return False  # `ipc.off(channel, onData)` after `ipc.once(channel, (e, r) => onData(e, r))`
    return True


def _fresh_event(model, event_node, function) -> bool:
    """The event name is made anew on every call (a clock, a random id, a counter, a helper that builds one)."""
    from leaklint.model.fresh_names import destructured_field, fresh_value, helper_fresh_return

    node = syntax.unwrap(event_node)
    if node is None:
        return False
    if node.type == "identifier":
        binding = model.resolve(node)
        made = syntax.unwrap(binding.destructured_from) if binding is not None and binding.init is None else None
        if made is not None and made.type == "call_expression":
            field = destructured_field(binding)
            return field is not None and helper_fresh_return(model, made, field) is not None
    return fresh_value(model, node, function) is not None


def _triggers_itself(model, site) -> bool:
    """The registering function emits on (or signals) the same receiver: it makes the event happen."""
    function = site.function
    path = model.access_path(site.receiver)
    if function is None or path is None:
        return False
    start, end = function.node.start_byte, function.node.end_byte
    for call in model.method_calls("emit", "kill", "destroy", "close", "end", "abort", "exit"):
        if not start <= call.node.start_byte < end:
            continue
        receiver = syntax.unwrap(call.receiver)
        if receiver is not None and receiver.start_byte == site.node.start_byte:
            return True  # chained: `x.once('exit', done).emit('quit')`
        if model.access_path(call.receiver) == path:
            return True
    return False


def _settles_computed_events(model, site, owner) -> bool:
    """An `emit(<computed name>)` on the same receiver outside ``owner``: per-call events are fired from here.

    The same receiver also when an ES5 class reaches its instance as `self` (`var self = this` in the
    constructor) in one place and as `this` in a prototype method in the other.
    """
    from leaklint.model.collections import es5_instance_path

    path = es5_instance_path(model, site.receiver)
    start, end = owner.node.start_byte, owner.node.end_byte
    for emit in model.method_calls("emit"):
        if start <= emit.node.start_byte < end or not emit.arguments:
            continue
        if syntax.string_value(emit.argument(0)) is None and es5_instance_path(model, emit.receiver) == path:
            return True
    return False


def _triple(registration: Registration) -> tuple | None:
    """(receiver, event, function) of a registration whose function has a name; None for inline functions."""
    key = registration.listener_key
    if registration.receiver is None or key is None or key[0] == "new":
        return None
    return (registration.receiver, registration.event, key)


def _is_this(node) -> bool:
    return node is not None and node.type == "this"


def _is_bind(removal) -> bool:
    listener = removal.site.argument(1)
    return listener is not None and listener.type == "call_expression"


MAX_CAPTURES_SHOWN = 3


def _captured(model, registration: Registration, receiver_text: str) -> list[RelatedNode]:
    """What the listener's closure keeps alive: the per-call bindings it refers to."""
    listener = registration.listener
    if listener is None:
        return []
    function = model.function_of(listener)
    if function is None and listener.type == "identifier":
        binding = model.resolve(listener)
        init = binding.init if binding is not None else None
        function = model.function_of(init) if init is not None else None
    if function is None:
        return []
    notes = []
    for binding, references in model.captures_of(function).items():
        if binding.is_module_level or not references:
            continue  # module bindings live anyway: capturing them retains nothing new
        first = min(references, key=lambda reference: reference.node.start_byte)
        notes.append(
            RelatedNode(
                first.node,
                f"the listener's closure captures `{binding.name}`, which stays reachable from `{receiver_text}`",
                "retained",
            )
        )
    notes.sort(key=lambda note: note.node.start_byte)
    return notes[:MAX_CAPTURES_SHOWN]


# -- fixes (built in leaklint.rules.fixes; detection above does not depend on them) ------------


def _fix_for(model, registration: Registration):
    """The edits that remove the listener again, when this shape is one leaklint can fix.

    A dropped subscription gets a suggestion (no edits): what to keep and when to end it
    depends on the component or caller, and on imports the fix would have to add.
    """
    from leaklint.rules.fixes.listeners import remove_listener_fix

    if registration.event == "<subscribe>" and registration.site.method == "subscribe":
        return _subscription_suggestion(model, registration)
    if registration.site.method in MONGOOSE_HOOK_METHODS:
        return Fix(
            "Register the schema hook once, at module level, and have it emit on an EventEmitter whose listeners "
            "each caller removes when it goes away",
            (), Applicability.DISPLAY_ONLY,
        )
    return remove_listener_fix(model, registration)


def _subscription_suggestion(model, registration: Registration) -> Fix:
    from leaklint.model.subscriptions import ANGULAR_VIEW_DECORATORS

    function = registration.site.function
    while function is not None and function.class_info is None and function.parent is not None:
        function = function.parent
    info = function.class_info if function is not None else None
    if info is not None and any(d in ANGULAR_VIEW_DECORATORS for d in info.decorators):
        title = (
            "End the subscription with the component: `.pipe(takeUntilDestroyed(this.destroyRef))` (or "
            "`takeUntil(this.destroy$)`), or keep it and call `.unsubscribe()` in ngOnDestroy"
        )
    else:
        title = "Keep what subscribe() returns and call it (or its `.unsubscribe()`) when the subscriber goes away"
    return Fix(title, (), Applicability.DISPLAY_ONLY)


def _unseen_class_method(model, site, frequency) -> bool:
    """A method (or constructor) of a class whose instances are made by code the link cannot see.

    Alone, a file's class methods run repeatedly for sure; in a project where
    no file imports the class's file or creates one, the frequency becomes a
    guess (inferred), which the rule still reports, at medium, as it does for
    the file alone.
    """
    function = site.function
    if function is None or not (frequency.is_inferred and frequency.runs_repeatedly):
        return False
    info = function.class_info
    return info is not None and model.external.unknown_instances(info.name) is not None
