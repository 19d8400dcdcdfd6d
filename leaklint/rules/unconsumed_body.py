"""LL008 unconsumed-body.

What it does:
    Finds an awaited `fetch()` (the global one, or from `undici`,
    `node-fetch`, `cross-fetch`) in a function that runs more than once,
    whose response is only looked at for `ok`, `status`, `statusText` or
    `headers`, and whose body is never read (`json()`, `text()`,
    `arrayBuffer()`, `blob()`, anything on `.body`), cancelled
    (`res.body.cancel()`) nor handed on (returned, passed, stored). Also finds
    one whose body is read only after a `return` or `throw` that leaves on the
    error path without reading or cancelling it. A `fetch(url, { method:
    'HEAD' })` is skipped: its response has no body.

Why is this a leak:
    Node's fetch (undici) keeps the connection and the buffered body of a
    response until the body is consumed or cancelled; unlike the Fetch
    Standard suggests, garbage collection does not release them promptly. One
    unread body per call is one more held connection and its buffers per call,
    and the memory grows with the number of requests.

Example:
    async function ping(url) {
      const res = await fetch(url);
      return res.ok;
    }
    setInterval(() => ping(process.env.HEALTH_URL), 1000);

Use instead:
    async function ping(url) {
      const res = await fetch(url);
      await res.body?.cancel();
      return res.ok;
    }
    setInterval(() => ping(process.env.HEALTH_URL), 1000);

Fix safety:
    `--fix --unsafe-fixes` adds `await res.body?.cancel();` on the line after
    `const res = await fetch(...)` when the fetch is the global one or
    undici's (whose body is a web stream). Unsafe: code this rule does not
    follow could still want the body, and the added await yields once.

Known false positives:
    Browser code, where an unread body is released with the response (files
    that use `window`, `document`, `localStorage` or `navigator` are skipped),
    and a response handed to a helper through a closure this rule does not
    follow.
"""

from __future__ import annotations

from leaklint.findings import FixAvailability, Severity
from leaklint.model.frequency import Evidence
from leaklint.model.loops import loop_index
from leaklint.model.responses import Response, response_index
from leaklint.model.options import ModelOptions
from leaklint.rules.base import RelatedNode, Rule, RuleContext
from leaklint.rules.fixes.bodies import cancel_unread_body


class UnconsumedBody(Rule):
    """A fetch() response whose body is never read or cancelled."""

    code = "LL008"
    name = "unconsumed-body"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = "A fetch() response is checked for its status but its body is never read or cancelled"
    fix_title = "Read the body (await res.json()/text()) or cancel it (await res.body?.cancel()) on every path"
    precision = "high"

    @classmethod
    def required_words(cls, options: ModelOptions) -> frozenset[str]:
        """Only `fetch()` calls are checked (response_index)."""
        return frozenset({"fetch"})

    def on_file_end(self, ctx: RuleContext) -> None:
        """Check every awaited fetch()."""
        index = ctx.model.fact("responses", response_index)
        if index.browser:
            return  # browser code: the response and its body are collected together
        for response in index.responses:
            self._check(response, ctx)

    def _check(self, response: Response, ctx: RuleContext) -> None:
        model = ctx.model
        frequency = model.frequency(response.function)
        loop = model.fact("loops", loop_index).loop_around(response.call)
        if frequency.evidence is Evidence.TOP_LEVEL and loop is None:
            return  # a fetch at start-up holds one connection, once
        where = model.describe_function(response.function)
        when = f" {frequency.phrase}" if frequency.phrase else ""
        if loop is not None:
            when = " in a loop"
        related = [RelatedNode(node, "only the status line is read here") for node in response.status_uses[:2]]
        if loop is not None:
            related.append(RelatedNode(loop.node, "runs once per iteration"))
        elif frequency.node is not None and frequency.repeats_for_sure:
            related.append(RelatedNode(frequency.node, f"runs repeatedly: {frequency.reason}"))
        confidence = "high" if frequency.repeats_for_sure or loop is not None else "medium"
        if response.never_read:
            ctx.report(
                response.call,
                f"the response of this fetch() in {where}{when} is used only for its status or headers and its "
                "body is never read or cancelled; undici keeps the connection and the buffered body until it is",
                related,
                confidence=confidence,
                fix=cancel_unread_body(model, response),
            )
            return
        if response.early_exit is not None and response.tracked:
            confidence = "medium"  # the error path runs only as often as the server fails
            exit_word = "throws" if response.early_exit.type == "throw_statement" else "returns"
            related.insert(0, RelatedNode(response.early_exit, f"{exit_word} here without reading or cancelling the body"))
            ctx.report(
                response.call,
                f"the body of this fetch() response in {where} is read only on the success path: the function "
                f"{exit_word} before reading it, and nothing cancels it there (`await res.body?.cancel()`)",
                related,
                confidence=confidence,
            )
