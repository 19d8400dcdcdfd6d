"""LL010 unconsumed-stream.

What it does:
    Finds readable streams that are never consumed: a `fs.createReadStream()`
    that nothing reads, pipes, resumes or destroys, and the response of an
    `http.get()`/`http.request()` callback (also `https`) that the callback
    only looks at (`statusCode`, `headers`) without reading or resuming it.
    Also finds one whose consumption comes after a `return` or `throw` that
    leaves without consuming or destroying it.

Why is this a leak:
    A readable holds its source open until it is consumed or destroyed: a
    file stream keeps its file descriptor and its buffered chunks, and an
    HTTP response keeps its socket checked out of the agent and the data it
    has received in memory. Node's documentation says it plainly: a response
    handler must consume the data, or it stays in memory and the socket is
    never reused. One per request or per failed check is one more open file or
    socket each time.

Example:
    http.get(url, (res) => {
      callback(res.statusCode === 200);
    });

Use instead:
    http.get(url, (res) => {
      res.resume();
      callback(res.statusCode === 200);
    });

Fix safety:
    `--fix --unsafe-fixes` adds `res.resume();` as the first statement of the
    callback of an http request whose reply nothing reads. Unsafe: an 'end'
    listener on the reply now fires, where before it never did. File streams
    get no fix.

Known false positives:
    A stream handed to code this rule does not follow (a closure stored for
    later, a helper in another file that reads a module binding).
"""

from __future__ import annotations

from leaklint.findings import FixAvailability, Severity
from leaklint.model.readables import Readable, readable_index
from leaklint.rules.base import RelatedNode, Rule, RuleContext
from leaklint.rules.fixes.readables import resume_unread_response

MAX_PEEKS = 2


class UnconsumedStream(Rule):
    """A readable created and never read, piped, resumed or destroyed."""

    code = "LL010"
    name = "unconsumed-stream"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = "A readable stream (fs.createReadStream, an http.get response) is never read, piped, resumed or destroyed"
    fix_title = "Consume it (pipe, 'data', for await) or call resume()/destroy() on every path"
    precision = "high"

    def on_file_end(self, ctx: RuleContext) -> None:
        """Check every readable the file creates."""
        for readable in ctx.model.fact("readables", readable_index).readables:
            self._check(readable, ctx)

    def _check(self, readable: Readable, ctx: RuleContext) -> None:
        model = ctx.model
        related = [RelatedNode(node, "only looked at here, which reads nothing") for node in readable.peeks[:MAX_PEEKS]]
        frequency = model.frequency(readable.function)
        if frequency.node is not None and frequency.repeats_for_sure:
            related.append(RelatedNode(frequency.node, f"runs repeatedly: {frequency.reason}"))
        is_response = readable.origin.startswith("the response")
        holds = "its socket and the received data" if is_response else "its file descriptor and buffered data"
        if readable.never_consumed:
            ctx.report(
                readable.node,
                f"{_subject(readable)} is never read, piped, resumed or destroyed; it keeps {holds} until it is",
                related,
                fix=resume_unread_response(model, readable),
            )
            return
        if readable.early_exit is not None:
            exit_word = "throws" if readable.early_exit.type == "throw_statement" else "returns"
            related.insert(0, RelatedNode(readable.early_exit, f"{exit_word} here without consuming or destroying it"))
            ctx.report(
                readable.node,
                f"{_subject(readable)} is consumed only on the success path: the code {exit_word} first and leaves "
                f"it unread (call `.resume()` or `.destroy()` there); it keeps {holds} on that path",
                related,
                confidence="medium",
            )


def _subject(readable: Readable) -> str:
    if readable.origin.startswith("the response of ") and readable.binding is not None:
        return readable.origin.replace("the response of ", f"the response `{readable.binding.name}` of ", 1)
    if readable.origin.startswith("the response"):
        return readable.origin
    return f"the readable stream from {readable.origin}"
