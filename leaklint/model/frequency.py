"""How often a function runs: once, per request/connection/event, repeatedly, or unknown."""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import HandlerKind, Registration, classify_option, classify_registration, has_handler_signature
from leaklint.model.cluster import is_worker_message_listener, single_message_per_worker
from leaklint.model.electron import is_app_start_listener
from leaklint.model.handler_properties import fires_once_per_object, handler_property_registration, is_page_lifecycle_property
from leaklint.model.listener_classes import declared_once
from leaklint.model.scopes import Function
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel


def infer_frequency(model, function, fact):
    """Shape inference (imported late: shape.py builds on this module's types)."""
    from leaklint.model.shape import infer_frequency as infer

    return infer(model, function, fact)


def event_option_frequency(model, function, site, key):
    """shape.event_option_frequency (imported late, as above)."""
    from leaklint.model.shape import event_option_frequency as infer

    return infer(model, function, site, key)


def framework_frequency(model, function):
    """Framework entry points recognised by shape (imported late, as above)."""
    from leaklint.model.shape import framework_frequency as infer

    return infer(model, function)


class Evidence(str, enum.Enum):
    """Why a function is believed to run as often as it does."""

    TOP_LEVEL = "top-level"  # module top level, or only called from there
    HANDLER = "handler"  # registered as a request/connection/event handler, or called from one
    TIMER = "timer"  # a setInterval callback, or called from one
    CLASS = "class"  # a method or constructor of a class with many instances
    API = "api"  # exported or stored for callers outside this file: how often is unknown
    PROJECT = "project"  # callers in other files, found by the project link phase (model.external)
    SHAPE = "shape"  # inferred from names, parameters or framework shapes (leaklint/model/shape.py)
    UNKNOWN = "unknown"


class Frequency(int, enum.Enum):
    """Ordered so that combining call sites takes the maximum."""

    ONCE = 0
    UNKNOWN = 1
    REPEATED = 2
    PER_EVENT = 3


@dataclass(frozen=True)
class FrequencyFact:
    """How often a function runs, why we think so, and the node that shows it."""

    frequency: Frequency
    reason: str
    node: Node | None = None
    handler: HandlerKind | None = None  # set when the function itself is a registered handler
    trigger: HandlerKind | None = None  # the handler kind it runs under, inherited from callers
    evidence: Evidence = Evidence.UNKNOWN
    chain: tuple = ()  # PROJECT evidence: findings.Related steps from the entry point in another file

    @property
    def repeats_for_sure(self) -> bool:
        """Runs repeatedly because this file shows it: a handler, a timer, or a class's methods.

        Exported functions and object-literal methods run as often as callers in
        other files decide; rules that need certainty ask this instead of
        ``runs_repeatedly``.
        """
        return self.runs_repeatedly and self.evidence in (
            Evidence.HANDLER, Evidence.TIMER, Evidence.CLASS, Evidence.PROJECT
        )

    @property
    def is_inferred(self) -> bool:
        """The frequency comes from the code's shape (names, parameters), not from a caller in the file."""
        return self.evidence is Evidence.SHAPE

    @property
    def repeats_per_event_by_shape(self) -> bool:
        """Inferred to run once per request, connection or event (request-like parameters, handler names)."""
        return self.is_inferred and self.frequency is Frequency.PER_EVENT

    @property
    def runs_repeatedly(self) -> bool:
        """More than once over the life of the process."""
        return self.frequency >= Frequency.REPEATED

    @property
    def phrase(self) -> str:
        """When the code runs, for messages: "on every request", "each time it is called"."""
        return _PHRASES.get(self.handler or self.trigger, "each time it is called" if self.runs_repeatedly else "")

    @property
    def role(self) -> str | None:
        """The reason as a noun phrase that names the function ("Vue `mounted` hook", "`'data'` listener").

        None when the reason is a clause ("`f(req)` takes a request-like
        parameter ...") or a verb phrase ("has a request-handler signature"),
        which cannot follow "in the".
        """
        reason = self.reason
        if self.handler is None or reason.startswith(_NOT_A_ROLE_START) or any(m in reason for m in _CLAUSE_MARKERS):
            return None
        return reason

    @property
    def is_request_handler(self) -> bool:
        """Registered as a per-request or per-connection entry point."""
        return self.handler in (HandlerKind.REQUEST, HandlerKind.CONNECTION)


# Reasons that are verb phrases; describe_function names such functions by their line.
REQUEST_SIGNATURE_REASON = "has a request-handler signature"
SELF_SCHEDULING_REASON = "re-arms itself"
_NOT_A_ROLE_START = ("has ", "re-arms ", "runs ", "the ", "a ", "an ")
_CLAUSE_MARKERS = (" is ", " are ", " takes ", ", so ")
_PHRASES = {
    HandlerKind.REQUEST: "on every request",
    HandlerKind.CONNECTION: "on every connection",
    HandlerKind.EVENT: "on every event",
    HandlerKind.TIMER: "on every timer tick",
    HandlerKind.MOUNT: "on every mount",
    HandlerKind.RENDER: "on every render",
}
ONCE_AT_TOP_LEVEL = FrequencyFact(Frequency.ONCE, "module top level", evidence=Evidence.TOP_LEVEL)
_UNKNOWN = FrequencyFact(Frequency.UNKNOWN, "no caller in this file")
_MAX_DEPTH = 64
DI_ROUTE_DECORATORS = frozenset({"Controller", "Resolver", "WebSocketGateway"})
PROMISE_METHODS = frozenset({"then", "catch", "finally"})
DEFERRING_CALLS = frozenset({"setTimeout", "setImmediate", "queueMicrotask", "nextTick"})


class FrequencyAnalysis:
    """Computes and caches FrequencyFacts for the functions of one file."""

    def __init__(self, model: FileModel) -> None:
        self.model = model
        self._cache: dict[int, FrequencyFact] = {}
        self._in_progress: set[int] = set()
        self._depth = 0
        self._before_loop: dict[int, FrequencyFact] = {}

    def of(self, function: Function | None) -> FrequencyFact:
        """The fact for a function (None means the module's top level)."""
        if function is None:
            return ONCE_AT_TOP_LEVEL
        key = function.node.start_byte
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if key in self._in_progress or self._depth > _MAX_DEPTH:
            return _UNKNOWN
        self._in_progress.add(key)
        self._depth += 1
        try:
            # A framework's entry point (JSX event prop, effect hook, Vue hook) wins over the call it sits in.
            fact = framework_frequency(self.model, function) or self._compute(function)
            if self.model.external:
                fact = self._linked(function, fact)  # callers in other files, found by the project link
            if (
                fact.evidence in (Evidence.API, Evidence.UNKNOWN)
                and fact is not _UNKNOWN
                and not has_handler_signature(function)
            ):
                # Callers outside the file that the link could not see: look for
                # positive evidence in the shape.  A function nothing can reach stays unknown.
                fact = infer_frequency(self.model, function, fact) or fact
        finally:
            self._depth -= 1
            self._in_progress.discard(key)
        if fact.evidence not in (Evidence.HANDLER, Evidence.TIMER):
            loop = self._own_timer_loop(function)
            if loop is not None:
                self._before_loop[key] = fact  # what a call on the loop's way out inherits
                fact = loop
        if fact.frequency < Frequency.PER_EVENT and has_handler_signature(function):
            fact = FrequencyFact(
                Frequency.PER_EVENT,
                REQUEST_SIGNATURE_REASON,
                function.node,
                HandlerKind.REQUEST,
                evidence=Evidence.HANDLER,
            )
        self._cache[key] = fact
        return fact

    def _on_loop_exit(self, loop: Function, call: Node) -> bool:
        """The call sits where ``loop`` does not re-arm itself: the other branch of the `if` that re-arms,
        or a branch that returns before the re-arming that follows it."""
        from leaklint.model.timer_loops import self_scheduling_sites

        found = self.model.fact("self-scheduling", self_scheduling_sites).get(loop.node.start_byte)
        if found is None:
            return False
        rearm = found[0]
        node = call
        while node is not None and node is not loop.node:
            parent = node.parent
            if parent is None:
                return False
            if parent.type in ("if_statement", "else_clause") and not _within(rearm, node):
                branches = [parent.child_by_field_name("consequence"), parent.child_by_field_name("alternative")]
                if parent.type == "if_statement" and any(b is not None and b != node and _within(rearm, b) for b in branches):
                    return True
                if parent.type == "if_statement" and node == branches[0] and _ends_in_return(node) and rearm.start_byte > parent.end_byte:
                    return True
            node = parent
        return False

    def _starts_again(self, loop: Function, call: Node) -> bool:
        """The call leads back to the loop (`restart()` → `startup()`, which defines and starts it again).

        Followed through same-file functions named at their calls, three hops deep.
        """
        seen: set[int] = set()
        frontier = [call]
        for _ in range(3):
            following = []
            for site_node in frontier:
                callee = syntax.unwrap(site_node.child_by_field_name("function"))
                binding = self.model.resolve(callee) if callee is not None and callee.type == "identifier" else None
                target = next(
                    (f for f in self.model.functions if f.context and f.context[0] == "declared" and f.context[1] is binding),
                    None,
                ) if binding is not None else None
                if target is None or target.node.start_byte in seen:
                    continue
                seen.add(target.node.start_byte)
                if target is loop or _within(loop.node, target.node):
                    return True
                following.extend(
                    c for c in self.model.nodes("call") if target.node.start_byte <= c.start_byte < target.node.end_byte
                )
            frontier = following
        return False

    def _forwarded(self, site):
        """The registration a call of a one-line forwarding helper stands for (see listeners.forwarded_calls)."""
        from leaklint.model.listeners import forwarded_call_table

        return self.model.fact("forwarded-calls", forwarded_call_table).get(site.node.start_byte)

    def _own_timer_loop(self, function: Function) -> FrequencyFact | None:
        """`const tick = () => { …; setTimeout(tick, 1000) }`: a function that re-arms itself runs on every tick."""
        from leaklint.model.timer_loops import self_scheduling_sites

        found = self.model.fact("self-scheduling", self_scheduling_sites).get(function.node.start_byte)
        if found is None:
            return None
        call, scheduler = found
        return FrequencyFact(
            Frequency.REPEATED, f"{SELF_SCHEDULING_REASON} with {scheduler}(): it runs again each time that timer fires", call,
            HandlerKind.TIMER, evidence=Evidence.TIMER,
        )

    def _linked(self, function: Function, fact: FrequencyFact) -> FrequencyFact:
        """What callers in other files say, where this file shows no handler or timer (PROJECT evidence)."""
        if fact.evidence in (Evidence.HANDLER, Evidence.TIMER):
            return fact
        linked = self.model.external.function_frequency(function.name)
        if linked is None or linked.per_instance_only:
            return fact  # (once per instance: a fact for an overwrite, LL004, not a frequency)
        frequency = Frequency(linked.frequency)
        unsure = fact.evidence in (Evidence.API, Evidence.UNKNOWN)
        lowers = frequency is Frequency.ONCE and unsure
        # A timer in another file calling an exported function gives REPEATED, as "exported" does here: the
        # link's callers are sure evidence (a handler or timer starts every chain), the export only a guess.
        confirms = frequency is Frequency.REPEATED and frequency == fact.frequency and unsure
        if frequency <= fact.frequency and not lowers and not confirms:
            return fact
        trigger = HandlerKind(linked.trigger) if linked.trigger else None
        return FrequencyFact(frequency, linked.reason, function.node, None, trigger, Evidence.PROJECT, linked.chain)

    def _compute(self, function: Function) -> FrequencyFact:
        context = function.context
        kind = context[0] if context else None
        if kind in ("method", "property", "assigned"):
            hooked = self._from_lifecycle_hook(function)
            if hooked is not None:
                return hooked
        if kind == "argument":
            return self._as_argument(function, self.model.call_site(context[1]), context[2])
        if kind == "option":
            site = self.model.call_site(context[1])
            registration = classify_option(site, context[3])
            if registration is not None:
                return _from_registration(registration)
            inherited = self._inherit(site.function, f"callback option of {_callee(site)}()", site.node)
            if inherited.frequency < Frequency.PER_EVENT:
                event = event_option_frequency(self.model, function, site, context[3])
                if event is not None:
                    return event  # `io.listen(server, { onClientConnect(client) {…} })`: called back per event
            return inherited
        if kind == "iife":
            caller = self.model.function_at(context[1])
            return self._inherit(caller, "called where it is defined", context[1])
        if kind == "declared":
            return self._from_references(function, context[1])
        if kind == "method":
            return self._as_method(function, context[1], context[2], context[3])
        if kind == "assigned":
            left = context[1]
            if left is not None and left.type == "identifier":
                reference = self.model.scopes.reference_at.get(left.start_byte)
                if reference is not None and reference.binding is not None:
                    return self._from_references(function, reference.binding)
            registration = handler_property_registration(left)
            if registration is not None:  # `ws.onmessage = fn`: runs on every event, like addEventListener
                return _from_registration(registration)
            if left is not None and (is_page_lifecycle_property(left) or fires_once_per_object(left)):
                # `window.onload = fn`: once per page load; `script.onload = fn`: once per script made
                return self._inherit(self.model.function_at(left), f"assigned to {syntax.text(left)}", left)
            closure_method = self._constructor_closure_method(function)
            if closure_method is not None:
                return closure_method
            called = self._from_object_calls(*module_object_member(self.model, function)) or self._from_es5_instance(function)
            if called is not None:
                return called
            on_request = self._assigned_on_request_object(left)
            if on_request is not None:
                return on_request
            return FrequencyFact(Frequency.REPEATED, f"assigned to {syntax.text(left)}", left, evidence=Evidence.API)
        if kind == "property":
            called = self._from_object_calls(*module_object_member(self.model, function)) or self._from_es5_instance(function)
            if called is not None:
                return called
            return FrequencyFact(Frequency.REPEATED, "a method of an object literal", function.node, evidence=Evidence.API)
        if kind == "returned":
            factory = context[1]
            linked = self.model.external.function_frequency(factory.name) if factory is not None else None
            if linked is not None and linked.decorator_factory:
                # `@inheritLinkAnnotations(Parent) class Child …`: the decorator applies what it returns once
                return FrequencyFact(
                    Frequency.ONCE, f"returned by a decorator factory, {linked.reason}", function.node,
                    evidence=Evidence.PROJECT, chain=linked.chain,
                )
            return FrequencyFact(Frequency.REPEATED, "returned to callers", function.node, evidence=Evidence.API)
        if function.exported:
            return FrequencyFact(Frequency.REPEATED, "exported", function.node, evidence=Evidence.API)
        return _UNKNOWN

    def _from_instance_calls(self, info, name: str) -> FrequencyFact | None:
        """`cache.set(k, v)` in a route of this file, on a module-level `const cache = new Cache()`.

        The method runs at least as often as the most frequent of those calls;
        only a call from a handler or timer (sure evidence) is taken, so the
        method stays "as often as callers elsewhere decide" otherwise.
        """
        best: FrequencyFact | None = None
        for prop in self.model.nodes("call_method"):  # `this.poll()` in the class's own timer or listener
            if prop.text != name.encode():
                continue  # the cheap test first: `Node.parent` walks from the root
            member = prop.parent
            receiver = syntax.unwrap(member.child_by_field_name("object"))
            if receiver is None or receiver.type != "this":
                continue
            call = member.parent
            caller = self.model.function_at(call)
            outer = caller
            while outer is not None and outer.node.type == "arrow_function":
                outer = outer.parent
            if outer is None or outer.class_info is not info or caller is outer:
                continue  # only callbacks inside the class's methods: a method calling it directly adds nothing sure
            if outer.method_name == name:
                continue  # `init()` re-run from its own 'close' listener: a reconnect, once per object it made
            fact = self._inherit(caller, f"called as `this.{name}()` from {self.model.describe_function(caller)}", call)
            if fact.evidence in (Evidence.HANDLER, Evidence.TIMER) and fact.frequency >= Frequency.REPEATED:
                if best is None or fact.frequency > best.frequency:
                    best = fact
        if info.binding is None:
            return best
        return self._from_module_instance_calls(info.binding, name, best)

    def _from_module_instance_calls(self, class_binding, name: str, best: FrequencyFact | None = None) -> FrequencyFact | None:
        """`inst.m()` in a handler or timer of this file, on a module-level `const inst = new C()` (ES2015 or ES5)."""
        for reference in class_binding.references:
            new = reference.node.parent
            declarator = new.parent if new is not None and new.type == "new_expression" else None
            if declarator is None or declarator.type != "variable_declarator" or declarator.child_by_field_name("value") != new:
                continue
            declared = declarator.child_by_field_name("name")
            if declared is None or declared.type != "identifier":
                continue
            instance = self.model.module_scope.bindings.get(syntax.text(declared))
            if instance is None or instance.init is None or instance.init.start_byte != new.start_byte or instance.writes:
                continue
            for use in instance.reads[:50]:
                member = use.node.parent
                call = member.parent if member is not None and member.type == "member_expression" else None
                prop = member.child_by_field_name("property") if call is not None else None
                if prop is None or syntax.text(prop) != name or call.type != "call_expression":
                    continue
                if call.child_by_field_name("function") != member:
                    continue
                caller = self.model.function_at(call)
                fact = self._inherit(caller, f"called as `{instance.name}.{name}()` from {self.model.describe_function(caller)}", call)
                if fact.evidence in (Evidence.HANDLER, Evidence.TIMER) and fact.frequency >= Frequency.REPEATED:
                    if best is None or fact.frequency > best.frequency:
                        best = fact
        return best

    def _from_es5_instance(self, function: Function) -> FrequencyFact | None:
        """`F.prototype.m` of an ES5 class whose single instance is made at module level: as often as `inst.m()`.

        The ES5 twin of a class method on a singleton (``_from_instance_calls``): only calls from
        a handler or timer of this file count.
        """
        from leaklint.model.shape import es5_instances, es5_prototype_member

        member = es5_prototype_member(self.model, function)
        if member is None:
            return None
        binding, name = member
        instances = es5_instances(self.model, binding)
        if len(instances) != 1 or self.model.function_at(instances[0]) is not None:
            return None  # several instances, or one made per call: es5_class_frequency answers
        return self._from_module_instance_calls(binding, name)

    def _from_object_calls(self, binding, name: str | None) -> FrequencyFact | None:
        """`Cache.add(k, v)` in a listener or timer of this file, where `Cache` is a module-level object
        that holds the function: `const Cache = { add(k, v) {…} }` or `ipc.call = (…) => …`.

        Such a function runs at least as often as the most frequent of those calls. As for a singleton's
        methods (``_from_instance_calls``), only a caller with sure evidence (a handler, a timer, or callers
        the project link found) is taken; otherwise the function stays "as often as callers decide".
        """
        if binding is None or not name:
            return None
        best: FrequencyFact | None = None
        for use in binding.reads[:200]:
            member = use.node.parent
            if member is None or member.type != "member_expression" or member.child_by_field_name("object") != use.node:
                continue
            prop = member.child_by_field_name("property")
            call = member.parent
            if prop is None or syntax.text(prop) != name or call is None or call.type != "call_expression":
                continue
            if call.child_by_field_name("function") != member:
                continue
            caller = self.model.function_at(call)
            how = f"called as `{binding.name}.{name}()` from {self.model.describe_function(caller)}"
            fact = self._inherit(caller, how, call)
            if fact.evidence not in (Evidence.HANDLER, Evidence.TIMER, Evidence.PROJECT):
                continue
            if fact.frequency >= Frequency.REPEATED and (best is None or fact.frequency > best.frequency):
                best = fact
        return best

    def _from_lifecycle_hook(self, function: Function) -> FrequencyFact | None:
        """A method the file calls only through `this` from a once-per-instance hook runs as often as the hook."""
        from leaklint.model.hook_calls import callers_are_all_in_file, once_per_instance_caller

        if not callers_are_all_in_file(self.model, function):
            return None  # a public method of a plain class: other files may call it too
        found = once_per_instance_caller(self.model, function)
        if found is None:
            return None
        hook = self.model.describe_function(found.hook)
        how = f"called only from {hook}, so it runs as often as that hook: once per instance"
        return self._inherit(found.hook, how, found.calls[0])

    def _constructor_closure_method(self, function: Function) -> FrequencyFact | None:
        """`this.load = function …` in an ES5 constructor: a method of each instance (once for a singleton)."""
        from leaklint.model.hook_calls import instance_closure_owner

        if function.context[0] != "assigned":
            return None
        owner = instance_closure_owner(self.model, function)
        if owner is None or self.of(owner).frequency is Frequency.ONCE:
            return None  # a single instance's method runs as often as callers elsewhere decide
        name = syntax.text(syntax.unwrap(function.context[1]).child_by_field_name("property"))
        return FrequencyFact(
            Frequency.REPEATED, f"a method (`this.{name}`) the constructor `{owner.name}` puts on each instance",
            function.node, evidence=Evidence.CLASS,
        )

    def _assigned_on_request_object(self, left: Node | None) -> FrequencyFact | None:
        """`res.redirect = function (…) {…}` in a request handler: a function of each request's object.

        A middleware that wraps a method of the request or response it is given
        installs a new function per request, which the application calls when it
        answers that request: it runs as often as the handler, once per request
        that uses it.
        """
        if left is None or left.type != "member_expression":
            return None
        root = syntax.unwrap(left.child_by_field_name("object"))
        if root is None or root.type != "identifier":
            return None
        reference = self.model.scopes.reference_at.get(root.start_byte)
        binding = reference.binding if reference is not None else None
        owner = binding.scope.owner if binding is not None and binding.kind == "param" else None
        if owner is None or owner.params[:2].count(binding) == 0:
            return None
        handler = self.of(owner)
        if not handler.is_request_handler:
            return None
        return self._inherit(owner, f"assigned to {syntax.text(left)}, a method of each request's `{binding.name}`", left)

    def _inherit(self, caller: Function | None, how: str, node: Node | None) -> FrequencyFact:
        parent = self.of(caller)
        return FrequencyFact(
            parent.frequency, how, node or parent.node, None, parent.handler or parent.trigger, parent.evidence,
            parent.chain,
        )

    def _as_argument(self, function: Function | None, site, index: int) -> FrequencyFact:
        if index < len(site.arguments):
            forwarded = self._forwarded(site)
            if forwarded is not None:  # `on('mousedown', el, fn)` / `dom.on(el, 'mousedown', fn)` forwarding to `el.addEventListener('mousedown', fn)`
                moved = forwarded.index_of(site.arguments[index])
                if moved >= 0:
                    site, index = forwarded, moved
        registration = classify_registration(site, index, function, self.model.options.handler_registrations)
        if registration is not None and index == 1 and _is_page_lifecycle_listener(site):
            event = syntax.string_value(site.argument(0))
            return self._inherit(site.function, f"'{event}' listener: fires once per page load", site.node)
        if registration is not None and index == 1 and is_app_start_listener(self.model, site):
            event = syntax.string_value(site.argument(0))
            return self._inherit(site.function, f"'{event}' listener on Electron's app: fires once per run", site.node)
        if registration is not None:
            if index == 1 and is_worker_message_listener(site):
                send = single_message_per_worker(self.model)
                if send is not None:  # one message per worker: runs as often as the code that listens
                    line = send.start_point[0] + 1
                    return self._inherit(
                        site.function, f"'message' listener of a cluster worker sent one message (line {line})", site.node
                    )
            return _from_registration(registration)
        return self._inherit(site.function, f"callback passed to {_callee(site)}()", site.node)

    def _from_references(self, function: Function, binding) -> FrequencyFact:
        reads = [r for r in binding.references if not r.is_write]
        if not reads:
            if function.exported:
                return FrequencyFact(Frequency.REPEATED, "exported", function.node, evidence=Evidence.API)
            return _UNKNOWN
        best: FrequencyFact | None = None
        for reference in reads[:50]:
            fact = self._reference_use(function, reference.node)
            if best is None or fact.frequency > best.frequency:
                best = fact
            if best.frequency is Frequency.PER_EVENT:
                break
        return best or _UNKNOWN

    def _reference_use(self, function: Function, identifier: Node) -> FrequencyFact:
        """How a reference to the function's binding uses it."""
        parent = identifier.parent
        while parent is not None and parent.type in ("parenthesized_expression", "non_null_expression", "as_expression"):
            identifier, parent = parent, parent.parent
        if parent is None:
            return _UNKNOWN
        if parent.type == "call_expression" and parent.child_by_field_name("function") == identifier:
            guard = one_shot_guard(self.model, parent)
            if guard is not None:  # `if (!done) { done = true; f(); }`: once per holder of the flag
                line = guard.start_point[0] + 1
                return FrequencyFact(Frequency.ONCE, f"called behind a one-shot guard (line {line})", guard, evidence=Evidence.TOP_LEVEL)
            caller = self.model.function_at(parent)
            inherited = self._inherit(caller, f"called from {self.model.describe_function(caller)}", parent)
            if caller is not None and inherited.evidence is Evidence.TIMER:
                before = self._before_loop.get(caller.node.start_byte)
                if before is not None and self._on_loop_exit(caller, parent) and not self._starts_again(caller, parent):
                    # `if (ready) start(); else setTimeout(poll, 100)`: the call ends the loop, once per start of it
                    return FrequencyFact(
                        before.frequency, f"called where the loop in {self.model.describe_function(caller)} ends",
                        parent, None, before.handler or before.trigger, before.evidence, before.chain,
                    )
            return inherited
        if parent.type == "arguments":
            call = parent.parent
            if call is not None and call.type in ("call_expression", "new_expression"):
                site = self.model.call_site(call)
                index = site.index_of(identifier)
                if index >= 0:
                    return self._as_argument(function, site, index)
        if parent.type == "jsx_expression" and parent.parent is not None:
            from leaklint.model.shape import jsx_lifecycle_prop

            lifecycle = jsx_lifecycle_prop(parent.parent)  # `didMount={didMount}`: per mount of that component
            if lifecycle is not None:
                return lifecycle
        if parent.type in ("export_specifier", "export_clause", "export_statement"):
            return FrequencyFact(Frequency.REPEATED, "exported", parent, evidence=Evidence.API)
        if identifier.type == "shorthand_property_identifier" or parent.type in (
            "pair",
            "assignment_expression",
            "array",
            "return_statement",
        ):
            return FrequencyFact(Frequency.REPEATED, "stored or exported for other callers", parent, evidence=Evidence.API)
        return FrequencyFact(Frequency.UNKNOWN, "referenced in this file", parent)

    def _as_method(self, function: Function, info, name: str, is_static: bool) -> FrequencyFact:
        once = declared_once(info) if name != "constructor" and not is_static else None
        if once is not None:  # `super(client, { event: 'ready', once: true })`: a framework's one-shot listener
            line = once.start_point[0] + 1
            return FrequencyFact(
                Frequency.ONCE, f"a method of a listener class declared `once: true` (line {line})", once,
                evidence=Evidence.SHAPE,
            )
        linked = self.model.external.unknown_instances(info.name)
        if linked is not None and not any(d in DI_ROUTE_DECORATORS for d in info.decorators):
            # Loaded by code the project link cannot follow (handler classes loaded by file name, a
            # framework): such methods usually run per event, but that is a guess, so it is inferred.
            event = os.path.splitext(os.path.basename(self.model.path))[0]
            if event in START_UP_EVENT_FILES:
                # `events/clientReady.ts` of a bot's loader (`client.on(fileName, …)`): the event comes once
                return FrequencyFact(
                    Frequency.ONCE, f"assumed to run once: {linked.reason}, and its file is named for "
                    f"'{event}', an event a client emits once, when it has started", function.node,
                    evidence=Evidence.SHAPE,
                )
            return FrequencyFact(
                Frequency.REPEATED, f"assumed to repeat: {linked.reason}", function.node, evidence=Evidence.SHAPE
            )
        if name == "constructor":
            lifetime = self.model.instance_lifetime(info)
            if lifetime.is_long_lived:
                return FrequencyFact(
                    Frequency.ONCE, f"constructor of a single instance ({lifetime.reason})", info.node,
                    evidence=Evidence.TOP_LEVEL,
                )
            return FrequencyFact(
                Frequency.REPEATED, f"constructor of {info.name or 'a class'}", info.node, evidence=Evidence.CLASS
            )
        if any(d in DI_ROUTE_DECORATORS for d in info.decorators):
            return FrequencyFact(
                Frequency.PER_EVENT,
                f"handler method of @{info.decorators[0]} class",
                function.node,
                HandlerKind.REQUEST,
                evidence=Evidence.HANDLER,
            )
        if is_static:
            # a static method belongs to no instance: it runs as often as callers decide
            return FrequencyFact(Frequency.REPEATED, "a static method", function.node, evidence=Evidence.API)
        if self.model.instance_lifetime(info).is_long_lived:
            called = self._from_instance_calls(info, name)
            if called is not None:
                return called
            # a singleton's method runs as often as its callers elsewhere decide
            return FrequencyFact(Frequency.REPEATED, "a method of a singleton", function.node, evidence=Evidence.API)
        return FrequencyFact(Frequency.REPEATED, "a class method", function.node, evidence=Evidence.CLASS)


def _module_object(model: FileModel, node: Node | None):
    """The binding of `const obj = …` / `var obj = …` at module level that is never reassigned, for the
    identifier or object literal ``node`` (None otherwise)."""
    node = syntax.unwrap(node)
    if node is None:
        return None
    if node.type == "identifier":
        reference = model.scopes.reference_at.get(node.start_byte)
        binding = reference.binding if reference is not None else None
    elif node.type == "object":
        declarator = node.parent
        if declarator is None or declarator.type != "variable_declarator" or declarator.child_by_field_name("value") != node:
            return None
        name = declarator.child_by_field_name("name")
        if name is None or name.type != "identifier":
            return None
        binding = model.module_scope.bindings.get(syntax.text(name))
        if binding is None or binding.init is None or binding.init.start_byte != node.start_byte:
            return None
    else:
        return None
    if binding is None or not binding.is_module_level or binding.kind not in ("const", "let", "var") or binding.writes:
        return None
    return binding


def module_object_member(model: FileModel, function: Function) -> tuple:
    """(binding, name) when the function is kept on a module-level object: a method or function-valued
    property of `const obj = { … }`, or `obj.name = function …` on such a binding; else (None, None)."""
    context = function.context
    if context and context[0] == "property":
        return _module_object_member_of_literal(model, context[1])
    if context and context[0] == "assigned":
        return _module_object_member_of_assignment(model, context[1])
    return None, None


def _module_object_member_of_literal(model: FileModel, key_node: Node | None) -> tuple:
    """(binding, method name) for a method or function-valued property of a module-level object literal."""
    holder = key_node.parent if key_node is not None else None  # the pair or the method definition
    obj = holder.parent if holder is not None else None
    if key_node is None or obj is None or obj.type != "object":
        return None, None
    return _module_object(model, obj), syntax.string_value(key_node) or syntax.text(key_node)


def _module_object_member_of_assignment(model: FileModel, left: Node | None) -> tuple:
    """(binding, property) for `obj.prop = function …` on a module-level object binding."""
    left = syntax.unwrap(left)
    if left is None or left.type != "member_expression":
        return None, None
    prop = left.child_by_field_name("property")
    if prop is None or prop.type != "property_identifier":
        return None, None
    return _module_object(model, left.child_by_field_name("object")), syntax.text(prop)


# Handler files a loader registers by file name (`client.on(file, …)`) whose event comes once per start.
START_UP_EVENT_FILES = frozenset({"ready", "clientReady"})
# Events a page's document or window fires once per load (`readystatechange`: twice, then never again).
PAGE_LIFECYCLE_EVENTS = frozenset({"DOMContentLoaded", "load", "readystatechange"})


def _is_page_lifecycle_listener(site) -> bool:
    """`document.addEventListener('DOMContentLoaded', f)`, `window.addEventListener('load', f)`.

    An element's or an XHR's 'load' fires per load; only the page's own
    `document` and `window` fire these a bounded number of times.
    """
    if site.method not in ("addEventListener", "on", "once"):
        return False
    receiver = syntax.text(syntax.unwrap(site.receiver)) if site.receiver is not None else ""
    return receiver in ("document", "window", "window.document") and syntax.string_value(site.argument(0)) in PAGE_LIFECYCLE_EVENTS


def _reads_page_ready_state(condition: Node | None) -> bool:
    text = syntax.text(condition) if condition is not None else ""
    return "document.readyState" in text


def _ends_in_exit(statement: Node | None) -> bool:
    """`return …`, `throw …` or a block whose last statement is one."""
    while statement is not None and statement.type == "statement_block":
        children = [c for c in statement.named_children if c.type != "comment"]
        statement = children[-1] if children else None
    return statement is not None and statement.type in ("return_statement", "throw_statement")


def registered_only_while_loading(site) -> bool:
    """A page-lifecycle listener ('DOMContentLoaded', 'load') added only while `document.readyState` says the page loads.

    `if (document.readyState === 'complete') run(); else
    window.addEventListener('load', run)`: once the page has loaded, the
    other branch runs, so however often the code runs, it adds listeners only
    during the one load, each fired once.  The same after an early return
    (`if (document.readyState !== 'loading') return run();`).
    """
    if not _is_page_lifecycle_listener(site):
        return False
    node = site.node
    while node is not None and node.type not in ("function_declaration", "function_expression", "arrow_function",
                                                  "method_definition", "program"):
        parent = node.parent
        if parent is None:
            break
        if parent.type in ("if_statement", "ternary_expression") and node != parent.child_by_field_name("condition"):
            if _reads_page_ready_state(parent.child_by_field_name("condition")):
                return True
        if parent.type == "else_clause" and parent.parent is not None and parent.parent.type == "if_statement":
            if _reads_page_ready_state(parent.parent.child_by_field_name("condition")):
                return True
        if parent.type == "statement_block":
            for sibling in parent.named_children:
                if sibling.start_byte >= node.start_byte:
                    break
                if sibling.type == "if_statement" and _reads_page_ready_state(sibling.child_by_field_name("condition")) \
                        and _ends_in_exit(sibling.child_by_field_name("consequence")):
                    return True
        node = parent
    return False


def one_shot_guard(model, node):
    """shape.one_shot_guard (imported late: shape.py builds on this module's types)."""
    from leaklint.model.shape import one_shot_guard as guard

    return guard(model, node)


def _from_registration(registration: Registration) -> FrequencyFact:
    if registration.kind is HandlerKind.TIMER:
        return FrequencyFact(
            Frequency.REPEATED, registration.description, registration.node, HandlerKind.TIMER, evidence=Evidence.TIMER
        )
    return FrequencyFact(
        Frequency.PER_EVENT, registration.description, registration.node, registration.kind, evidence=Evidence.HANDLER
    )


def _callee(site) -> str:
    if site.callee is None:
        return "a call"
    text = syntax.text(site.callee)
    return text if len(text) <= 40 else text[:37] + "..."


def _within(inner: Node, outer: Node | None) -> bool:
    return outer is not None and outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _ends_in_return(block: Node) -> bool:
    statements = [c for c in block.named_children if c.type != "comment"] if block.type == "statement_block" else [block]
    return bool(statements) and statements[-1].type in ("return_statement", "throw_statement")
