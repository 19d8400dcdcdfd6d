"""What the project link phase learned about one file from the other files.

The link phase (``leaklint.project``) reads every file's summary, follows
imports and calls across files, and hands each file an ``ExternalFacts``:
plain, frozen, picklable data keyed by names that are stable in the file
(qualified function names, class names, imported local names). The per-file
model consults it only where the file alone cannot tell (see
docs/architecture.md, "Two phases"); an empty ``NO_EXTERNAL_FACTS`` changes
nothing, which is what single-file callers get.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from leaklint.findings import Related

ONCE = "once"
PER_CALL = "per-call"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class LinkedFrequency:
    """How often a function runs according to its callers in other files.

    ``frequency`` and ``trigger`` are the values of ``model.frequency.Frequency``
    and ``model.calls.HandlerKind`` (kept as plain ints/strings here so this
    module depends on nothing in the model). ``chain`` walks from the entry
    point (a route, a timer) through each call to this function, across files.
    ``on_fresh_instances``: every repeating chain reaches the method through a
    call on an instance its caller has just made, so it repeats across
    instances, once on each; ``also_on_unknown_receivers``: somewhere the
    method is called on a receiver the link cannot follow; ``decorator_factory``:
    every call is a decorator's (`@link(X)`), so the function it returns runs
    once per decorated declaration.
    """

    frequency: int
    reason: str
    trigger: str | None = None
    chain: tuple[Related, ...] = ()
    on_fresh_instances: bool = False
    also_on_unknown_receivers: bool = False
    decorator_factory: bool = False  # only ever called as a decorator (`@link(X)`): what it returns is applied once
    # no repeating caller: the fact says only that each instance runs it once, nothing of how often it runs
    per_instance_only: bool = False


@dataclass(frozen=True)
class LinkedLifetime:
    """How long the value behind an imported binding lives, as its module shows."""

    long_lived: bool
    reason: str


@dataclass(frozen=True)
class LinkedParameter:
    """What the callers in other files pass for one parameter of a function of this file.

    ``lifetime``: "long-lived" when every call the project shows passes a
    long-lived value (a module-level server, emitter or instance), "request-scoped"
    when every one passes a per-request object; None when the calls disagree, or
    when the function has callers the link cannot see. ``kinds``: what some
    caller passes, whatever the others do (``"socket.io-server"``): a
    `'connection'` listener on the parameter then gets that caller's sockets.
    ``chain``: the calls that say so. ``literal``: every call the project
    shows (all followed, as for a lifetime) passes a string or number literal
    there, so the parameter takes values from a fixed set the code spells out.
    """

    lifetime: str | None
    kinds: tuple[str, ...]
    reason: str
    chain: tuple[Related, ...] = ()
    literal: bool = False


@dataclass(frozen=True)
class LinkedInstances:
    """How many instances of a class the whole project creates: ``once`` | ``per-call`` | ``unknown``."""

    state: str
    reason: str
    chain: tuple[Related, ...] = ()


@dataclass(frozen=True)
class ExternalFacts:
    """The linked facts for one file; lookups return None when the project says nothing."""

    functions: tuple[tuple[str, LinkedFrequency], ...] = ()
    bindings: tuple[tuple[str, LinkedLifetime], ...] = ()
    classes: tuple[tuple[str, LinkedInstances], ...] = ()
    # Functions of this file (qualified names) that the project calls only from test code: a removal
    # in one of them never runs in production (``eviction_reach.test_only``).
    test_only: tuple[str, ...] = ()
    # Functions of this file that return a function every caller in the other files drops (by name):
    # a removal in that disposer never runs (``eviction_reach.dropped_disposer``).
    dropped_disposers: tuple[str, ...] = ()
    # ((qualified function name, parameter index), fact): `ServerShutdown.registerServer`, 0
    parameters: tuple[tuple[tuple[str, int], LinkedParameter], ...] = ()
    # ((imported local, member or "", field or ""), reason): what a helper of another file returns is new per call
    fresh_returns: tuple[tuple[tuple[str, str, str], str], ...] = ()
    # (qualified function name, the call): functions of this file another file calls in a loop
    looped_calls: tuple[tuple[str, Related], ...] = ()
    # ((class name, field), the call): `clearInterval(this.cache._worker)` in another file, on an instance
    # of a class of this file (``timers``: a handle the class keeps in that field is cleared there)
    cleared_fields: tuple[tuple[tuple[str, str], Related], ...] = ()
    # ((imported local, member or "", parameter index, destructured property or ""), the per-item call there):
    # callbacks an imported function calls once per item (``looped_callbacks``)
    looped_callbacks: tuple[tuple[tuple[str, str, int, str], Related], ...] = ()
    # ((imported local, member or ""), (parameter index, field path)): an imported helper that clears a timer
    # handle kept in that field path of one of its arguments (`clearInterval(ctx.websocket.pingIntervalId)`)
    cleared_arguments: tuple[tuple[tuple[str, str], tuple[int, str]], ...] = ()
    # classes of this file with a ``timers.background_timer`` that the project makes per call: their
    # timers are reported after all, so this fact can add findings
    background_classes_per_call: tuple[str, ...] = ()
    # ((imported local, member or ""), the local name of an imported collection): another file's helper this
    # file calls that removes entries of that same collection (``linked_removals``)
    removing_calls: tuple[tuple[tuple[str, str], str], ...] = ()
    # ((imported local, member or ""), (method, receiver position, argument positions)): an imported helper that
    # makes the registration or removal `method` on one of its arguments (`dom.addEventListener(target, type, fn)`)
    forwarders: tuple[tuple[tuple[str, str], tuple[str, int, tuple[int, ...]]], ...] = ()
    # ((imported local, member or ""), parameter index): an imported helper that builds what it returns from
    # the fields of that parameter (``field_keys``: `routeKey(route)`)
    field_returns: tuple[tuple[tuple[str, str], int], ...] = ()
    # Names of clean-up functions of this file that no production file of the (fully linked) project
    # mentions (``uncalled_cleanups``): a removal in one never runs.
    uncalled_cleanups: tuple[str, ...] = ()
    # ((imported local, member or ""), holder): an imported function whose every `return` reads an entry of a
    # module-level holder of its file (`getEmitter(name)` over `emitters[context][name]`): what it returns is kept
    # there, the same object for every caller (``provenance.pooled_value``)
    pooled_returns: tuple[tuple[tuple[str, str], str], ...] = ()
    # (imported local, reason): a class or constructor of another file that is an old-style stream
    # (`util.inherits(QueryStream, Stream)`, ``stream_writers.old_style_stream_classes``)
    stream_classes: tuple[tuple[str, str], ...] = ()
    # functions of ``looped_calls`` whose call in that loop is a statement: what they return (a `write()`'s
    # boolean handed back to the caller) is dropped on every round (``streams``, LL006)
    looped_results_dropped: tuple[str, ...] = ()

    def function_frequency(self, qualified_name: str | None) -> LinkedFrequency | None:
        """The linked frequency of a function of this file (`getUser`, `Cache.get`, `exports.getPad`)."""
        if not qualified_name or not self.functions:
            return None
        return self._functions.get(qualified_name)

    def removal_test_only(self, qualified_name: str | None) -> bool:
        """Whether every call of this function of the file in the project is in test code."""
        return bool(qualified_name) and qualified_name in self.test_only

    def cleanup_uncalled(self, name: str | None) -> bool:
        """Whether no production file of the project mentions this clean-up function's name."""
        return bool(name) and name in self.uncalled_cleanups

    def disposer_dropped(self, qualified_name: str | None) -> bool:
        """Whether every call of this function in the other files drops the function it returns."""
        return bool(qualified_name) and qualified_name in self.dropped_disposers

    def binding_lifetime(self, local_name: str) -> LinkedLifetime | None:
        """The linked lifetime of an imported binding (or `ns.member`)."""
        if not self.bindings:
            return None
        return self._bindings.get(local_name)

    def parameter(self, qualified_name: str | None, index: int) -> LinkedParameter | None:
        """What callers in other files pass as parameter ``index`` of a function of this file."""
        if not qualified_name or not self.parameters:
            return None
        return self._parameters.get((qualified_name, index))

    def fresh_return(self, local: str, member: str, field: str) -> str | None:
        """Why `local.member()` (an imported helper) returns a new value (its ``field``, or "" for all) on every call."""
        if not self.fresh_returns:
            return None
        return self._fresh_returns.get((local, member, field))

    def pooled_return(self, local: str, member: str) -> str | None:
        """The module holder (with its file) every return of the imported `local.member()` reads from, else None."""
        if not self.pooled_returns:
            return None
        return dict(self.pooled_returns).get((local, member))

    def stream_class(self, local: str) -> str | None:
        """Why the imported ``local`` (a class or constructor of another file) is an old-style stream, else None."""
        if not self.stream_classes:
            return None
        return dict(self.stream_classes).get(local)

    def field_return(self, local: str, member: str) -> int | None:
        """The parameter whose fields `local.member()` (an imported helper) builds its return from, else None."""
        if not self.field_returns:
            return None
        return dict(self.field_returns).get((local, member))

    def looped_call(self, qualified_name: str | None) -> Related | None:
        """A call of this function (of this file) that another file makes in a loop, else None."""
        if not qualified_name or not self.looped_calls:
            return None
        return next((step for name, step in self.looped_calls if name == qualified_name), None)

    def looped_result_dropped(self, qualified_name: str | None) -> bool:
        """Whether a call of this function that another file makes in a loop drops what it returns."""
        return bool(qualified_name) and qualified_name in self.looped_results_dropped

    def field_cleared(self, class_name: str | None, field: str | None) -> Related | None:
        """The call in another file that clears ``field`` of an instance of a class of this file, else None."""
        if not class_name or not field or not self.cleared_fields:
            return None
        return next((step for key, step in self.cleared_fields if key == (class_name, field)), None)
    def looped_callback(self, local: str, member: str, slot: tuple[int, str]) -> Related | None:
        """Where the imported `local.member()` calls the callback in ``slot`` (index, property) once per item."""
        if not self.looped_callbacks:
            return None
        key = (local, member, slot[0], slot[1])
        return next((step for name, step in self.looped_callbacks if name == key), None)

    def class_instances(self, class_name: str | None) -> LinkedInstances | None:
        """How many instances of a class of this file the project creates."""
        if not class_name or not self.classes:
            return None
        return self._classes.get(class_name)

    def unknown_instances(self, class_name: str | None) -> LinkedInstances | None:
        """The fact, when no file of the project imports the class's file or creates one (count unknown)."""
        linked = self.class_instances(class_name)
        return linked if linked is not None and linked.state == UNKNOWN else None

    @cached_property
    def _functions(self) -> dict[str, LinkedFrequency]:
        return dict(self.functions)

    @cached_property
    def _bindings(self) -> dict[str, LinkedLifetime]:
        return dict(self.bindings)

    @cached_property
    def _parameters(self) -> dict[tuple[str, int], LinkedParameter]:
        return dict(self.parameters)

    @cached_property
    def _fresh_returns(self) -> dict[tuple[str, str, str], str]:
        return dict(self.fresh_returns)

    @cached_property
    def _classes(self) -> dict[str, LinkedInstances]:
        return dict(self.classes)

    @property
    def adds_findings(self) -> bool:
        """Whether these facts can add findings to the file: some function runs more often than it shows.

        So can a class created exactly once: its fields and `this` become
        long-lived. The other facts (run once, per-call instances, binding
        reasons) can only remove or reword findings, so a file without
        findings needs no second pass for them.
        """
        if self.test_only or self.dropped_disposers or self.uncalled_cleanups:
            return True  # a removal only tests run, or none ever calls, bounds nothing: a collection it seemed to bound is reported
        if self.background_classes_per_call:
            return True  # an `unref()`'d constructor timer, quiet for a class made once, repeats per instance
        if any(instances.state == ONCE for _, instances in self.classes):
            return True  # a singleton's `this` is long-lived: a per-request `this.on(…)` becomes a finding
        if self.parameters or self.fresh_returns or self.looped_calls or self.looped_callbacks or self.forwarders \
                or self.field_returns or self.pooled_returns or self.stream_classes:
            return True  # a long-lived or Socket.IO parameter makes its listeners and collections reportable
        return any(linked.frequency > 0 for _, linked in self.functions)

    def __bool__(self) -> bool:
        return bool(
            self.functions or self.bindings or self.classes or self.test_only or self.dropped_disposers
            or self.parameters or self.fresh_returns or self.looped_calls or self.cleared_fields
            or self.looped_callbacks or self.forwarders or self.field_returns or self.uncalled_cleanups
            or self.cleared_arguments or self.removing_calls or self.pooled_returns or self.stream_classes
        )


NO_EXTERNAL_FACTS = ExternalFacts()
