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

from leaklint.findings import FixAvailability, Severity
from leaklint.model.lifetime import fresh_value_at
from leaklint.model.listeners import Registration, listener_index
from leaklint.model.shape import one_shot_guard
from leaklint.model.calls import LISTENER_METHODS, REMOVAL_METHODS
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
            LISTENER_METHODS | REMOVAL_METHODS | {"addEventListener", "removeAllListeners"}
            | options.acquire_methods | set(options.release_methods) | options.cleanup_methods
        )

    def on_file_end(self, ctx: RuleContext) -> None:
        """Check every registration, then every removal that can never match."""
        model = ctx.model
        index = model.fact("listeners", listener_index)
        explained: set[int] = set()
        for registration in index.registrations:
            removals = self._check(registration, index, ctx)
            explained.update(id(r) for r in removals)
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
        model = ctx.model
        site = registration.site
        frequency = model.frequency(site.function)
        if not (frequency.repeats_for_sure or frequency.repeats_per_event_by_shape):
            return []  # registered once, or as often as unseen callers decide (an exported setup function)
        receiver = model.lifetime(site.receiver, infer=True)
        if not receiver.is_long_lived:
            return []  # request-scoped or local emitters die with the listener
        if fresh_value_at(model, site.receiver) is not None:
            return []  # `conn = createConnection(); conn.on(…)`: a new emitter per call behind a module `let`
        if index.is_removed(registration):
            return []
        if one_shot_guard(model, site.node) is not None:
            return []  # behind `if (!this.started) { this.started = true; … }`: once per holder of the flag
        registered_keys = {r.listener_key for r in index.registrations}
        ineffective = [
            r
            for r in index.removals_for(registration)
            if r.can_never_match or (r.listener_key is not None and r.listener_key not in registered_keys)
        ]
        where = model.describe_function(site.function)
        receiver_text = model.node_text(site.receiver, 40)
        message = (
            f"listener for {registration.event_label} is added to long-lived `{receiver_text}` "
            f"({receiver.reason}) in {where} {frequency.phrase} and never removed; "
            "each call leaves one more listener and its closure reachable"
        )
        related = []
        if frequency.node is not None and frequency.node is not site.node:
            what = "inferred from its shape" if frequency.is_inferred else "runs repeatedly"
            related.append(RelatedNode(frequency.node, f"{what}: {frequency.reason}"))
        if receiver.node is not None:
            what = "inferred to be long-lived" if receiver.inferred else "is long-lived"
            related.append(RelatedNode(receiver.node, f"`{receiver_text}` {what}: {receiver.reason}"))
        for removal in ineffective:
            if removal.can_never_match:
                note = f"this {removal.site.method}() passes a new function, so it can never remove the listener"
            else:
                note = f"this {removal.site.method}() removes a different function than the one added"
            related.append(RelatedNode(removal.site.node, note))
        if ineffective:
            message += " (the removal in this file never matches it)"
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
    """The edits that remove the listener again, when this shape is one leaklint can fix."""
    from leaklint.rules.fixes.listeners import remove_listener_fix

    return remove_listener_fix(model, registration)
