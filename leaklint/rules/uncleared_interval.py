"""LL004 uncleared-interval.

What it does:
    Finds `setInterval` calls (the global one, `globalThis.`/`window.`
    `setInterval`, or the one imported from `timers`/`node:timers`) made in a
    function that runs more than once (a request handler, an event listener, an
    exported function, a class method or constructor) whose handle is thrown
    away, or kept in a binding or field that nothing in the file ever passes to
    `clearInterval`. Also finds a function that stores a new handle over one
    that may still be running without clearing it first, and `clearInterval()`
    calls that can never clear anything (no argument, or a value that is never
    a timer handle). In a UI component (React class or function component,
    Vue options object, Angular component, custom element) the interval must
    be cleared from the teardown (`componentWillUnmount`, `beforeUnmount`,
    `ngOnDestroy`, `disconnectedCallback`, an effect cleanup) or what it calls.

Why is this a leak:
    An active timer is referenced from Node's timer list, a GC root, until it
    is cleared. It keeps its callback alive, and the callback keeps everything
    it captures alive: the request, the job, `this`. One uncleared interval
    per call is one more retained closure per call, and one more callback
    running on every tick, for the life of the process.

Example:
    class Poller {
      start() {
        setInterval(() => this.poll(), 1000);
      }
    }

Use instead:
    class Poller {
      start() {
        clearInterval(this.timer);
        this.timer = setInterval(() => this.poll(), 1000);
      }

      stop() {
        clearInterval(this.timer);
      }
    }

Known false positives:
    A handle cleared in another file (the rule only looks in the file that
    creates it), and a function that in practice runs once (a `start()`
    called only at start-up from elsewhere). Module top-level intervals are
    never reported: they are meant to run as long as the process.
"""

from __future__ import annotations

from leaklint import syntax
from leaklint.findings import FixAvailability, Severity
from leaklint.model.calls import HandlerKind, direct_calls
from leaklint.model.frequency import Evidence, Frequency
from leaklint.model.self_clearing import counts_down as _counts_down, teardown_missing_clear
from leaklint.model.services import once_in_single_instance, service_member
from leaklint.model.shape import es5_class_binding, once_per_instance_hook, one_shot_guard, per_instance_binding
from leaklint.model.teardown import Teardown, teardown_of
from leaklint.model.timers import (
    COMPLETION_EVENTS,
    IneffectiveClear,
    Interval,
    background_timer,
    captured_names,
    clear_events,
    closes_with_holder,
    creation_frequency,
    creation_phrase,
    shared_by_instances,
    describe_creation,
    timer_index,
)
from leaklint.model.options import ModelOptions
from leaklint.model.timer_loops import LOOP_SCHEDULERS, TimerLoop, timer_loops
from leaklint.model.timers import TIMER_FUNCTIONS
from leaklint.rules.base import RelatedNode, Rule, RuleContext, confidence


class UnclearedInterval(Rule):
    """Repeating timer started repeatedly and never cleared."""

    code = "LL004"
    name = "uncleared-interval"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = "A setInterval started on every call or request is never cleared"
    fix_title = "Keep the handle and pass it to clearInterval() when the work ends (stop/close/dispose, finally)"
    precision = "high"

    @classmethod
    def required_words(cls, options: ModelOptions) -> frozenset[str]:
        """setInterval() calls and clears, and the timer loops a setTimeout/requestAnimationFrame makes."""
        return frozenset(TIMER_FUNCTIONS) | frozenset(LOOP_SCHEDULERS)

    def on_file_end(self, ctx: RuleContext) -> None:
        """Check every interval, then every clearInterval() that clears nothing."""
        index = ctx.model.fact("timers", timer_index)
        running = [interval for interval in index.intervals if not interval.is_cleared]
        folded = _fold_argumentless_clears(index.ineffective, running)
        reported: set[int] = set()
        for interval in index.intervals:
            if self._check(interval, ctx, folded.get(id(interval), [])):
                reported.add(id(interval))
        for found in index.ineffective:
            owner = next((i for i in running if found in folded.get(id(i), ()) and id(i) in reported), None)
            if owner is None:
                self._report_ineffective(found, running, ctx)
        for loop in ctx.model.fact("timer-loops", timer_loops):
            self._check_loop(loop, ctx)

    def _check_loop(self, loop: TimerLoop, ctx: RuleContext) -> None:
        """A self-rescheduling function started from code that repeats: one more endless loop per start."""
        model = ctx.model
        for start in loop.starts:
            starter = model.function_at(start)
            if starter is None or starter is loop.function:
                continue  # started once, at module level
            frequency = model.frequency(starter)
            if not (frequency.repeats_for_sure or frequency.repeats_per_event_by_shape):
                continue
            if one_shot_guard(model, start) is not None:
                continue
            name = model.describe_function(loop.function)
            message = (
                f"{name} reschedules itself with {loop.scheduler}() on every run and nothing stops it; "
                f"it is started in {model.describe_function(starter)} {frequency.phrase}, and each start leaves "
                "one more loop running for ever, keeping its callback and everything it captures alive"
            )
            related = [RelatedNode(loop.reschedule, "reschedules itself here, whatever happens")]
            if frequency.node is not None and frequency.node is not start:
                what = "inferred from its shape" if frequency.is_inferred else "runs repeatedly"
                related.append(RelatedNode(frequency.node, f"{what}: {frequency.reason}"))
            ctx.report(start, message, related, confidence=confidence(frequency.is_inferred))
            return  # one finding per loop

    def _check(self, interval: Interval, ctx: RuleContext, folded: list[IneffectiveClear]) -> bool:
        """Report the interval if it can outlive the work that started it; True when reported."""
        model = ctx.model
        if interval.escape is None and interval.site.function is not None:
            teardown = teardown_of(model, interval.site.function)
            if teardown is not None and one_shot_guard(model, interval.site.node) is None:
                if self._check_component(interval, teardown, ctx):
                    return True
        frequency = creation_frequency(model, interval)
        if frequency.evidence in (Evidence.CLASS, Evidence.API, Evidence.SHAPE):
            if service_member(model, interval.site.function) is not None:
                # started once per instance of a class that listens on a port and has no way to stop
                return False
        if frequency.evidence is Evidence.CLASS and background_timer(model, interval) is not None:
            # `this.sweep = setInterval(…).unref()` in the constructor of a class with no way to stop:
            # meant to run as long as the instance, and nothing makes instances over and over
            return False
        restarted = interval.is_cleared and interval.overwrite is not None
        if restarted and frequency.is_inferred and _linked_once(model, interval.site.function):
            restarted = False  # the project link shows every call: it runs once, no restart comes
        if not frequency.runs_repeatedly and not (frequency.is_inferred and restarted):
            # Module top level or start-up code: meant to run as long as the process.  A
            # `start()` named like set-up that overwrites a handle it also clears expects restarts.
            return False
        inferred = frequency.is_inferred and frequency.runs_repeatedly
        if interval.escape is not None:
            return False  # returned or handed to other code, which may clear it
        if one_shot_guard(model, interval.site.node) is not None:
            return False  # behind `if (!this.started) { this.started = true; … }`: once per holder of the flag
        if frequency.evidence in (Evidence.API, Evidence.CLASS) and once_in_single_instance(model, interval.site.function):
            return False  # started by the constructor of the one instance the program makes: once per process
        function = interval.site.function
        # An ES5 `F.prototype.m = function…` is a class method too (`F` is a constructor).
        in_class = function is None or function.class_info is not None or es5_class_binding(model, function) is not None
        where = describe_creation(model, interval)
        phrase = creation_phrase(model, interval, frequency)
        related = []
        if frequency.node is not None and not _contains(interval.site.function, frequency.node):
            related.append(RelatedNode(frequency.node, f"runs repeatedly: {frequency.reason}"))
        elif frequency.is_inferred and frequency.runs_repeatedly and frequency.node is not None:
            related.append(RelatedNode(frequency.node, f"inferred from its shape: {frequency.reason}"))
        kept = _retention(model, interval)
        per_request = (frequency.handler or frequency.trigger) in (HandlerKind.REQUEST, HandlerKind.CONNECTION)
        if interval.is_cleared and interval.overwrite is None and per_request:
            # Cleared, but not on every way a request or connection ends.
            gap = None
            events = [clear_events(model, clear) for clear in interval.clears]
            if all(e is not None and e <= COMPLETION_EVENTS for e in events):
                named = ", ".join(f"'{e}'" for e in sorted(set().union(*events)))
                related.extend(
                    RelatedNode(c.site.node, f"clears it only on {named}") for c in interval.clears[:3]
                )
                gap = (
                    f"is cleared only on {named}, which does not come when the client goes away first "
                    f"('close', 'error'); each such request leaves the timer running"
                )
            else:
                closing = _close_listener_without_clear(model, interval)
                if closing is not None:
                    related.extend(
                        RelatedNode(c.site.node, "clears it only from its own callback") for c in interval.clears[:3]
                    )
                    related.append(RelatedNode(closing, "the connection's closing listener does not clear it"))
                    gap = (
                        "is cleared only from its own callback, when its condition holds; the closing listener "
                        "here does not clear it, so a connection that closes before that condition comes leaves "
                        "the timer running"
                    )
            if gap is not None:
                if interval.callback is not None:
                    related.append(RelatedNode(interval.callback, "the callback the running timer keeps alive", "retained"))
                message = f"setInterval in {where} runs {phrase} and {gap}, and {kept}"
                ctx.report(interval.site.node, message, related, confidence=confidence(inferred))
                return True
        if interval.is_cleared and interval.overwrite is None:
            missed = teardown_missing_clear(model, interval)
            if missed is not None:
                name, teardown = missed
                related.extend(
                    RelatedNode(c.site.node, "clears it only from its own callback, when its condition holds")
                    for c in interval.clears[:3]
                )
                related.append(RelatedNode(teardown.node, f"`{name}()` tears the object down and does not clear it"))
                if interval.callback is not None:
                    related.append(RelatedNode(interval.callback, "the callback the running timer keeps alive", "retained"))
                message = (
                    f"setInterval in {where} runs {phrase} and is cleared only from its own callback, when its "
                    f"condition holds; `{name}()` does not clear it, so an object torn down before that keeps "
                    f"the timer running, and {kept}"
                )
                ctx.report(interval.site.node, message, related, confidence=confidence(inferred))
                return True
        lowered = None  # why a linked fact lowered the confidence of an overwrite, for its note
        if interval.is_cleared:
            if interval.overwrite is None:
                return False  # cleared somewhere: stop/close/dispose, a cleanup function, its own callback
            slot = interval.slots[0]
            target = slot.node.child_by_field_name("left") if slot.node.type == "assignment_expression" else slot.node
            if per_instance_binding(model, target) and _runs_once_per_instance(model, function):
                return False  # `<script setup>`: a slot per instance, filled once per mount of that instance
            if _this_field(target) and once_per_instance_hook(model, function) is not None:
                return False  # `mounted() { this.timer = setInterval(…) }`: `this` is a new instance each time
            if _this_field(target):
                linked = model.external.function_frequency(function.name) if function is not None else None
                # PROJECT evidence: the link's chain decided the frequency; without it, the link found
                # only calls on fresh instances and left the file's own frequency as it was.  A file
                # that already reads the method as run once (a singleton's `start()`) agrees with it.
                if linked is not None and linked.on_fresh_instances and (
                    frequency.evidence is Evidence.PROJECT or linked.frequency <= frequency.frequency
                    or frequency.frequency == Frequency.ONCE
                ):
                    # Its callers in other files each make an instance and call this once on it.
                    if not linked.also_on_unknown_receivers:
                        return False
                    inferred = True  # calls on receivers the link cannot follow may repeat it on one instance
                    method = function.method_name or function.name
                    lowered = (
                        f"inferred: every call the project link follows is on a new instance ({linked.reason}), "
                        f"but `{method}()`, or a method that calls it on its own instance, is also called on "
                        "receivers the link cannot follow, which may call it again on one instance"
                    )
            note = f"replaces the handle in `{slot.label}` without clearing it"
            related.append(RelatedNode(interval.overwrite, note))
            if lowered is not None:
                related.append(RelatedNode(interval.overwrite, lowered))
            related.extend(RelatedNode(c.site.node, "clears only the latest handle") for c in interval.clears[:3])
            if shared_by_instances(slot, function):
                message = (
                    f"setInterval in {where} keeps its handle in module-level `{slot.label}`, which every instance "
                    f"shares: the next instance mounted overwrites it without clearing the interval already stored "
                    f"there, leaving that timer running where nothing can clear it, and {kept}"
                )
            else:
                message = (
                    f"setInterval in {where} overwrites `{slot.label}` without clearing the interval already stored "
                    f"there; each further call leaves the earlier timer running where nothing can clear it, "
                    f"and {kept}"
                )
        else:
            if not (frequency.repeats_for_sure or in_class or frequency.repeats_per_event_by_shape):
                return False  # an exported set-up function may well run once (`startMetrics()`)
            if _cleared_by_another_file(model, interval):
                return False  # `clearInterval(this.cache._worker)` in the file that keeps the instance
            inferred = inferred and not (frequency.repeats_for_sure or in_class)
            if function is not None and function.class_info is not None and (
                model.external.unknown_instances(function.class_info.name) is not None
            ):
                inferred = True  # how many instances, and how often this runs, is a guess
            if interval.discarded:
                status = "its handle is discarded, so it can never be cleared"
            else:
                slot = interval.slots[0]
                status = f"its handle (kept in `{slot.label}`) is never cleared"
                related.append(RelatedNode(slot.node, "the handle is stored here and never passed to clearInterval()"))
            message = f"setInterval in {where} runs {phrase} and {status}; {kept}"
        related.extend(RelatedNode(f.clear.site.node, f"clearInterval() here {f.reason}, so it clears nothing") for f in folded)
        if interval.callback is not None:
            related.append(RelatedNode(interval.callback, "the callback the running timer keeps alive", "retained"))
        ctx.report(interval.site.node, message, related, fix=_fix_for(model, interval), confidence=confidence(inferred))
        return True

    def _check_component(self, interval: Interval, teardown: Teardown, ctx: RuleContext) -> bool:
        """An interval of a component that its teardown does not stop; True when reported."""
        model = ctx.model
        where = describe_creation(model, interval)
        kept = _retention(model, interval)
        related = []
        if teardown.unmounted_start:
            message = (
                f"setInterval in {where} runs for every instance React constructs, including instances it never "
                f"mounts (server rendering, a render it discards, StrictMode's second construction); "
                f"{teardown.label} never runs for those, so nothing clears the timer there, and {kept}; "
                "start it in `componentDidMount()` instead"
            )
            related.extend(RelatedNode(c.site.node, "clears it only for a mounted instance") for c in interval.clears[:3])
        elif interval.is_cleared and not any(teardown.covers(c.site.node) for c in interval.clears) and (
            closes_with_holder(model, interval) is None  # ends with the socket it is kept on, and keeps only that
        ):
            if teardown.present:
                missing = f"is cleared only where {teardown.label} does not reach"
            elif teardown.hook_names:
                missing = f"is cleared only outside teardown: the component has no {teardown.label}"
            else:
                missing = "is cleared only outside teardown: no effect of the component returns a cleanup"
            message = (
                f"setInterval in {where} belongs to a {teardown.framework} and {missing}; {teardown.ending} "
                f"while the timer runs leaves it running, and {kept}"
            )
            related.extend(
                RelatedNode(c.site.node, f"clears it here, which does not run {teardown.ends}")
                for c in interval.clears[:3]
            )
        else:
            return False
        component = f"the {teardown.framework}; its teardown is {teardown.label}"
        if teardown.inferred:
            component = f"inferred from its shape: an object with Vue component options; its teardown is {teardown.label}"
        related.append(RelatedNode(teardown.node, component))
        if interval.callback is not None:
            related.append(RelatedNode(interval.callback, "the callback the running timer keeps alive", "retained"))
        ctx.report(interval.site.node, message, related, confidence=confidence(teardown.inferred))
        return True

    def _report_ineffective(self, found: IneffectiveClear, running: list[Interval], ctx: RuleContext) -> None:
        related = [RelatedNode(found.node, "declared here")] if found.node is not None else []
        related.extend(RelatedNode(i.site.node, "an interval in this file that nothing clears") for i in running[:3])
        ctx.report(
            found.clear.site.node,
            f"clearInterval() {found.reason}, so it clears nothing; the interval it was meant to stop keeps running "
            "and keeps its callback alive",
            related,
        )


def _linked_once(model, function) -> bool:
    """The project link shows the function is only called from code that runs once (not merely once per instance)."""
    linked = model.external.function_frequency(function.name) if function is not None else None
    return linked is not None and linked.frequency == Frequency.ONCE and not linked.per_instance_only


def _fold_argumentless_clears(
    ineffective: list[IneffectiveClear], running: list[Interval]
) -> dict[int, list[IneffectiveClear]]:
    """Argument-less `clearInterval()` calls in a running interval's callback or beside it: one finding, not two."""
    folded: dict[int, list[IneffectiveClear]] = {}
    for found in ineffective:
        if found.clear.argument is not None or found.clear.site.arguments:
            continue
        node = found.clear.site.node
        for interval in running:
            callback = interval.callback_function
            inside = callback is not None and callback.contains(node)
            beside = interval.site.function is not None and found.clear.site.function is interval.site.function
            if inside or beside:
                folded.setdefault(id(interval), []).append(found)
                break
    return folded


_CLOSING_EVENTS = frozenset({"close", "disconnect", "end", "error", "aborted"})


def _close_listener_without_clear(model, interval: Interval):
    """A per-connection interval whose every clear is in its own callback, beside a closing listener
    (`conn.on('close', …)`) in the same function that does not clear it: that listener, else None."""
    callback = interval.callback_function
    function = interval.site.function
    if callback is None or function is None or not all(callback.contains(c.site.node) for c in interval.clears):
        return None
    if any(_counts_down(callback, c.site.node) for c in interval.clears):
        return None  # `if (50 === ++sent) clearInterval(t)`: a condition the callback itself drives comes for sure
    for site in model.method_calls("on", "once", "addListener", "addEventListener"):
        if site.function is not function or len(site.arguments) < 2:
            continue
        event = syntax.string_value(site.argument(0))
        if event not in _CLOSING_EVENTS:
            continue
        listener = syntax.unwrap(site.argument(1))
        if listener is None or listener.type not in syntax.FUNCTION_KINDS:
            return None  # a named handler may clear it: not known from here
        if any(listener.start_byte <= c.site.node.start_byte < listener.end_byte for c in interval.clears):
            return None
        return site.node
    return None


def _retention(model, interval: Interval) -> str:
    """What the running timer keeps alive, for messages."""
    names = captured_names(model, interval)
    if names:
        listed = ", ".join(f"`{n}`" for n in names)
        return f"the timer keeps its callback and everything it captures ({listed}) alive"
    return "the timer keeps firing and keeps its callback alive"


def _contains(function, node) -> bool:
    return function is not None and function.contains(node)


# -- fixes (built in leaklint.rules.fixes; detection above does not depend on them) ------------


def _fix_for(model, interval: Interval):
    """The edits that keep and clear the handle, when this shape is one leaklint can fix."""
    from leaklint.rules.fixes.timers import clear_interval_fix

    return clear_interval_fix(model, interval)


# Composition-API hooks whose callback runs once per component instance (`onActivated` runs again
# on every keep-alive activation, so it is not here).
_ONCE_PER_INSTANCE_HOOKS = frozenset({"onMounted", "onBeforeMount", "onMount"})


def _cleared_by_another_file(model, interval: Interval) -> bool:
    """The handle is kept in `this.f` of a class, and another file clears `f` on an instance of that class."""
    if interval.discarded or not interval.slots or not model.external.cleared_fields:
        return False
    slot = interval.slots[0]
    target = slot.node.child_by_field_name("left") if slot.node.type == "assignment_expression" else slot.node
    function = interval.site.function
    owner = interval.owner_class or (function.class_info if function is not None else None)
    if owner is None or not _this_field(target):
        return False
    return model.external.field_cleared(owner.name, slot.prop) is not None


def _this_field(target) -> bool:
    """`this.x` (an assignment target)."""
    target = syntax.unwrap(target)
    if target is None or target.type != "member_expression":
        return False
    obj = syntax.unwrap(target.child_by_field_name("object"))
    return obj is not None and obj.type == "this"


def _runs_once_per_instance(model, function) -> bool:
    """``function`` is a mount-hook callback, or a local function called only from one (or from the script's top level)."""
    if function is None:
        return True
    if _is_once_per_instance_hook(model, function):
        return True
    calls = direct_calls(model, function)  # empty unless the function is declared under a name
    reads = function.context[1].reads if calls else []
    if not calls or len(calls) != len(reads):
        return False  # never called here, or handed on or stored: who calls it is unknown
    for site in calls:
        if site.function is not None and not _is_once_per_instance_hook(model, site.function):
            return False
    return True


def _is_once_per_instance_hook(model, function) -> bool:
    context = function.context
    if not context or context[0] != "argument" or context[2] != 0:
        return False
    site = model.call_site(context[1])
    return site.receiver is None and site.function is None and site.name in _ONCE_PER_INSTANCE_HOOKS

