"""LL007 unreleased-resource.

What it does:
    Finds resources from the acquire/release table (`leaklint/resources.toml`
    plus `[tool.leaklint.resources]`: browsers, pages and contexts from
    puppeteer/playwright, Redis, PostgreSQL, MySQL and MongoDB clients and
    pools, pooled connections, file handles, sockets, watchers, sharp
    pipelines, workers) in three shapes: acquired in a function that runs
    more than once and never released nor handed on; released only on the
    success path, after code that can throw, with no `try/finally`,
    `.finally()` or `using`; and a long-lived slot (module binding, field of a
    singleton) overwritten with a new one from repeated code without releasing
    the value it held.

Why is this a leak:
    A browser, a page, a connection or a pool holds native memory, sockets,
    child processes or a slot in a pool outside the JavaScript heap, and the
    garbage collector does not release them: only the release call does. One
    left open per call is one more page in the browser, one more connection
    checked out of the pool, one more Chromium process, until the service runs
    out of memory or connections. Errors are when it happens most: a failed
    check (the site is down, the query times out) skips a release written
    after the code that failed.

Example:
    async function check(url) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await context.close();
    }

Use instead:
    async function check(url) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(url);
      } finally {
        await context.close();
      }
    }

Known false positives:
    A resource released by a function in another file that is not handed the
    value here (a shutdown hook that reads a module binding elsewhere), a
    function that in practice runs once, and libraries whose objects release
    themselves (a page closed by closing its browser is still reported when
    the page is acquired in repeated code and the browser is long-lived).
"""

from __future__ import annotations

from leaklint import syntax
from leaklint.findings import FixAvailability, Severity
from leaklint.model.calls import HandlerKind
from leaklint.model.frequency import Evidence
from leaklint.model.resources import Acquire, resource_index
from leaklint.model.values import nodes_between
from leaklint.model.options import ModelOptions
from leaklint.model.resources import patterns_for
from leaklint.rules.base import RelatedNode, Rule, RuleContext
from leaklint.syntax import Node

_THROWING_KINDS = frozenset({"await_expression", "call_expression", "throw_statement", "return_statement", "new_expression"})
_REPEATING_EVIDENCE = (Evidence.HANDLER, Evidence.TIMER)
_REPEATING_KINDS = (HandlerKind.REQUEST, HandlerKind.CONNECTION, HandlerKind.TIMER)


class UnreleasedResource(Rule):
    """A resource from the acquire/release table that is not released on every path."""

    code = "LL007"
    name = "unreleased-resource"
    severity = Severity.WARNING
    fix = FixAvailability.NONE
    summary = "A browser, page, client, pool, connection or handle is acquired per call and not released on every path"
    fix_title = "Release it in a finally block (or .finally(), or `using`), and close the old value before replacing it"
    precision = "high"

    @classmethod
    def required_words(cls, options: ModelOptions) -> frozenset[str]:
        """Only acquires from the resource table (shipped rows and the configuration's) are checked."""
        return frozenset(pattern.name for pattern in patterns_for(options.resources))

    def on_file_end(self, ctx: RuleContext) -> None:
        """Check every acquire of a known resource."""
        acquires = ctx.model.fact("resources", resource_index).acquires
        # (binding, function) pairs where a function acquires a resource into a binding
        holders = {(id(a.holder), _key(a.function)) for a in acquires if a.holder is not None}
        holders |= {
            (id(ctx.model.resolve(a.slot)), _key(a.function))
            for a in acquires
            if a.slot is not None and a.slot.type == "identifier"
        }
        for acquire in acquires:
            if acquire.using:
                continue  # released when the block ends, whatever happens
            if _made_from_local_resource(ctx.model, acquire, holders):
                continue  # a page of a local browser/context: closed with it, and that one is checked
            if acquire.slot is not None:
                self._check_overwrite(acquire, ctx)
            elif acquire.holder is not None or acquire.discarded:
                self._check_local(acquire, ctx)

    # -- acquired per call -------------------------------------------------

    def _check_local(self, acquire: Acquire, ctx: RuleContext) -> None:
        model = ctx.model
        if acquire.function is None:
            return  # acquired once at start-up: it is meant to live as long as the process
        if acquire.holder is not None and acquire.holder.is_module_level:
            return
        if acquire.handed_on:
            return  # returned, passed to a call or stored: whoever receives it releases it
        if acquire.opens_receiver:
            return  # `await pool.connect()` of a pool this function closes: it opened the pool, not a client
        frequency = model.frequency(acquire.function)
        if frequency.evidence is Evidence.TOP_LEVEL:
            return  # runs once at start-up
        where = model.describe_function(acquire.function)
        when = f" {frequency.phrase}" if frequency.phrase else ""
        related = []
        if frequency.node is not None and frequency.repeats_for_sure:
            related.append(RelatedNode(frequency.node, f"runs repeatedly: {frequency.reason}"))
        confidence = "high" if frequency.repeats_for_sure else "medium"
        if not acquire.releases:
            if not acquire.applies("never-released"):
                return
            releases = " / ".join(f".{m}()" for m in acquire.kind.release[:3])
            ctx.report(
                acquire.node,
                f"{acquire.kind.what} from `{acquire.label}` is acquired in {where}{when} and never released "
                f"({releases}) nor handed on; each call leaves one more open",
                related,
                confidence=confidence,
            )
            return
        if not acquire.applies("success-path"):
            return
        if any(use.in_finally or use.in_catch or use.nested is not None for use in acquire.releases):
            return  # released in finally/catch or by a cleanup callback (`.finally()`, `'close'` listener)
        release = acquire.releases[0]
        risky = self._throwing_code_between(acquire, release.site, ctx)
        if risky is None:
            return
        what_throws = "returns early" if risky.type == "return_statement" else "can throw"
        related = [
            RelatedNode(risky, f"this {what_throws} before the release runs"),
            RelatedNode(release.site, f"the only release, skipped when the code before it {what_throws}"),
        ] + related
        ctx.report(
            acquire.node,
            f"{acquire.kind.what} from `{acquire.label}` in {where} is released only on the success path: "
            f"the code between acquire and `.{release.name}()` {what_throws} and nothing releases it then "
            "(no try/finally, .finally() or `using`); every failure leaves one open",
            related,
            confidence=confidence,
        )

    def _throwing_code_between(self, acquire: Acquire, release: Node, ctx: RuleContext) -> Node | None:
        function = acquire.function
        body = function.body if function is not None else None
        if body is None:
            return None
        for node in nodes_between(body, acquire.value.end_byte, release.start_byte, _THROWING_KINDS):
            if _within(node, release) or _within(release, node):
                continue  # the release itself, or the `await` around it
            if node.type == "call_expression" and _is_logging(node):
                continue
            if _protected(node, body):
                continue
            return node
        return None

    # -- long-lived slot overwritten ---------------------------------------

    def _check_overwrite(self, acquire: Acquire, ctx: RuleContext) -> None:
        model = ctx.model
        if not acquire.applies("overwritten") or acquire.function is None or acquire.assignment is None:
            return
        if acquire.assignment.type != "assignment_expression":
            return  # `??=` / `||=`: only assigned when empty
        frequency = model.frequency(acquire.function)
        if not (frequency.repeats_for_sure and frequency.evidence in _REPEATING_EVIDENCE):
            return  # a connect()/init() that may well run once
        if (frequency.handler or frequency.trigger) not in _REPEATING_KINDS:
            return  # an event listener: 'start', 'ready', 'open' may fire once

        slot = acquire.slot
        lifetime = model.lifetime(slot)
        if not lifetime.is_long_lived:
            return
        if _slot_read_before(model, acquire):
            return  # the old value is looked at first: closed, guarded (`if (!browser)`) or kept
        slot_text = model.node_text(slot, 40)
        where = model.describe_function(acquire.function)
        related = []
        if frequency.node is not None:
            related.append(RelatedNode(frequency.node, f"runs repeatedly: {frequency.reason}"))
        if lifetime.node is not None:
            related.append(RelatedNode(lifetime.node, f"`{slot_text}` is long-lived: {lifetime.reason}"))
        releases = " / ".join(f".{m}()" for m in acquire.kind.release[:2])
        ctx.report(
            acquire.assignment,
            f"`{slot_text}` is assigned {acquire.kind.what} from `{acquire.label}` in {where} {frequency.phrase} "
            f"without releasing ({releases}) the one it already holds; each replaced value stays open",
            related,
        )


def _key(function) -> int | None:
    return function.node.start_byte if function is not None else None


def _made_from_local_resource(model, acquire: Acquire, holders: set[tuple[int, int | None]]) -> bool:
    """`browser.newPage()` where the same function acquired `browser`: the page closes with it."""
    if acquire.function is None:
        return False
    callee = syntax.unwrap(acquire.node.child_by_field_name("function"))
    if callee is None or callee.type != "member_expression":
        return False
    binding = model.resolve(syntax.unwrap(callee.child_by_field_name("object")))
    return binding is not None and (id(binding), _key(acquire.function)) in holders


def _slot_read_before(model, acquire: Acquire) -> bool:
    """Whether the function reads the slot before (or in the condition around) the assignment."""
    function = acquire.function
    slot = syntax.unwrap(acquire.slot)
    assignment = acquire.assignment
    if slot.type == "identifier":
        binding = model.resolve(slot)
        if binding is None:
            return True  # an undeclared global: not ours to judge
        return any(
            not r.is_write and function.contains(r.node) and r.node.start_byte < assignment.start_byte
            for r in binding.references
        ) or any(
            not r.is_write and function.contains(r.node) and _within(r.node, assignment.child_by_field_name("right"))
            for r in binding.references
        )
    path = model.access_path(slot)
    if path is None or function.body is None:
        return True
    for node in nodes_between(function.body, function.body.start_byte, assignment.start_byte,
                              frozenset({"member_expression"}), skip_functions=False):
        if node.end_byte <= slot.start_byte or node.start_byte >= slot.end_byte:
            if model.access_path(node) == path:
                return True
    return False


def _within(node: Node | None, container: Node | None) -> bool:
    return node is not None and container is not None and container.start_byte <= node.start_byte and node.end_byte <= container.end_byte


def _protected(node: Node, body: Node) -> bool:
    """Inside a try block whose catch swallows the error (no `throw` in it), so the code after runs."""
    current = node.parent
    child = node
    while current is not None and current != body:
        if current.type == "try_statement" and current.child_by_field_name("body") == child:
            handler = current.child_by_field_name("handler")
            if handler is not None and not nodes_between(handler, handler.start_byte, handler.end_byte,
                                                         frozenset({"throw_statement", "return_statement"})):
                return True
        child, current = current, current.parent
    return False


def _is_logging(call: Node) -> bool:
    callee = call.child_by_field_name("function")
    if callee is None:
        return False
    text = syntax.text(callee)
    return text.startswith(("console.", "logger.", "log.")) or text in ("log", "debug")

