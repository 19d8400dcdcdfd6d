"""LL009 unbounded-listeners-masked.

What it does:
    Finds `emitter.setMaxListeners(0)` or `setMaxListeners(Infinity)` on a
    long-lived emitter (a module-level emitter, `process`, an imported
    singleton, a field of a singleton), `events.setMaxListeners(0, …targets)`
    on long-lived targets or on every new emitter, and
    `EventEmitter.defaultMaxListeners = 0` or `Infinity`. Listeners that the
    file adds to the same emitter from code that runs more than once are
    listed as related.

Why is this a leak:
    Node prints `MaxListenersExceededWarning` when an event gets more than ten
    listeners: on a long-lived emitter, that is usually the first and only
    sign that something adds a listener per request and never removes it.
    Raising the limit to "unlimited" does not stop the leak; it removes the
    warning, so the listeners and their closures pile up unnoticed.

Example:
    const bus = new EventEmitter();
    bus.setMaxListeners(0);

Use instead:
    const bus = new EventEmitter();
    bus.setMaxListeners(50); // a bound that a leak still exceeds

Known false positives:
    An emitter that really has an unbounded but legitimate number of
    long-lived subscribers (a plugin host, a pub/sub bus whose subscribers
    unsubscribe), where a finite limit would only produce noise.
"""

from __future__ import annotations

from leaklint import syntax
from leaklint.findings import FixAvailability, Severity
from leaklint.model.imports import WHOLE_MODULE, bare_module, imported_name, require_source
from leaklint.model.listeners import listener_index
from leaklint.model.options import ModelOptions
from leaklint.rules.base import RelatedNode, Rule, RuleContext
from leaklint.syntax import Node

EVENTS_MODULES = frozenset({"events"})
MAX_RELATED = 3


class UnboundedListenersMasked(Rule):
    """The listener-leak warning turned off on a long-lived emitter."""

    code = "LL009"
    name = "unbounded-listeners-masked"
    severity = Severity.WARNING
    fix = FixAvailability.NONE
    summary = "setMaxListeners(0/Infinity) or defaultMaxListeners = 0/Infinity hides Node's listener-leak warning"
    fix_title = "Remove listeners when their work ends; keep a finite limit that a leak would still exceed"
    precision = "high"

    @classmethod
    def required_words(cls, options: ModelOptions) -> frozenset[str]:
        """Only setMaxListeners() calls and defaultMaxListeners assignments are checked."""
        return frozenset({"setMaxListeners", "defaultMaxListeners"})

    def on_file_end(self, ctx: RuleContext) -> None:
        """Check every setMaxListeners() call and every defaultMaxListeners assignment."""
        model = ctx.model
        for site in model.method_calls("setMaxListeners"):
            if not site.arguments or not _unbounded(model, site.argument(0)):
                continue
            receiver = syntax.unwrap(site.receiver)
            if _is_events_namespace(model, receiver):
                targets = [syntax.unwrap(a) for a in site.arguments[1:]]
                if not targets:
                    ctx.report(site.node, "events.setMaxListeners() with an unlimited count and no targets turns off "
                               "the listener-leak warning for every emitter and EventTarget created after it")
                    continue
                for target in targets:
                    self._check_emitter(site.node, target, ctx)
                continue
            self._check_emitter(site.node, receiver, ctx)
        for assignment in model.nodes("assign"):
            left = syntax.unwrap(assignment.child_by_field_name("left"))
            if left is None or left.type != "member_expression" or assignment.type != "assignment_expression":
                continue
            prop = left.child_by_field_name("property")
            if prop is None or prop.text != b"defaultMaxListeners":
                continue
            if not _unbounded(model, syntax.unwrap(assignment.child_by_field_name("right"))):
                continue
            if not _is_events_object(model, syntax.unwrap(left.child_by_field_name("object"))):
                continue
            ctx.report(assignment, "`defaultMaxListeners` set to unlimited turns off Node's MaxListenersExceededWarning "
                       "for every emitter in the process, the only runtime sign of a listener leak")

    def _check_emitter(self, node: Node, emitter: Node | None, ctx: RuleContext) -> None:
        model = ctx.model
        if emitter is None:
            return
        lifetime = model.lifetime(emitter)
        if not lifetime.is_long_lived:
            return  # a per-request emitter dies with its listeners
        text = model.node_text(emitter, 40)
        related = []
        if lifetime.node is not None and lifetime.node is not emitter:
            related.append(RelatedNode(lifetime.node, f"`{text}` is long-lived: {lifetime.reason}"))
        path = model.access_path(emitter)
        repeated = []
        if path is not None:
            for registration in model.fact("listeners", listener_index).registrations:
                if registration.receiver != path or registration.once:
                    continue
                if model.frequency(registration.site.function).runs_repeatedly:
                    repeated.append(registration)
        for registration in repeated[:MAX_RELATED]:
            related.append(RelatedNode(registration.site.node,
                                       f"a listener for {registration.event_label} is added here from code that runs "
                                       "repeatedly", "retained"))
        extra = ""
        if repeated:
            extra = f"; this file adds listeners to it from repeated code ({len(repeated)} place(s))"
        ctx.report(
            node,
            f"the listener limit of long-lived `{text}` ({lifetime.reason}) is set to unlimited, which turns off "
            f"Node's MaxListenersExceededWarning, the only runtime sign of a listener leak on it{extra}",
            related,
        )


def _unbounded(model, node: Node | None) -> bool:
    """`0`, `Infinity`, `Number.POSITIVE_INFINITY`."""
    node = syntax.unwrap(node)
    if node is None:
        return False
    if node.type == "number":
        try:
            return float(syntax.text(node).replace("_", "")) == 0
        except ValueError:
            return False
    if node.type == "identifier":
        return model.is_global(node, "Infinity")
    return node.type == "member_expression" and syntax.text(node) == "Number.POSITIVE_INFINITY"


def _is_events_namespace(model, node: Node | None) -> bool:
    """`events` (the module) or `EventEmitter` (its static setMaxListeners)."""
    if node is None:
        return False
    if require_source(node) in EVENTS_MODULES:
        return True
    if node.type != "identifier":
        return False
    imported = imported_name(model.resolve(node))
    return imported is not None and bare_module(imported[0]) in EVENTS_MODULES and imported[1] in (
        WHOLE_MODULE, "EventEmitter", "default")


def _is_events_object(model, node: Node | None) -> bool:
    """`EventEmitter`, `events`, `require('events')`, `require('events').EventEmitter`."""
    if node is None:
        return False
    if _is_events_namespace(model, node):
        return True
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        obj = syntax.unwrap(node.child_by_field_name("object"))
        return prop is not None and prop.text == b"EventEmitter" and _is_events_namespace(model, obj)
    return False
