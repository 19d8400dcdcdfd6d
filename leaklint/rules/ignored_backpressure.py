"""LL006 ignored-backpressure.

What it does:
    Finds `.write()` calls on a writable stream (a file stream, a net/tls
    connection or server socket, a zlib stream, a `new Writable/Transform/
    PassThrough/Duplex`, or an HTTP response) made over and over (in a loop,
    a `for await` loop, a `forEach` callback, a `'data'` handler, or for
    network streams a `setInterval` callback) whose `false` return is ignored
    or only logged, when nothing in the file waits for `'drain'`, pauses the
    source, or uses `pipe`/`pipeline` for that stream.

Why is this a leak:
    `write()` never refuses data. When the destination is slower than the
    producer, every chunk it has not yet taken is kept in the stream's
    internal buffer, and `write()` returns `false` to ask the caller to wait
    for `'drain'`. Code that keeps writing makes that buffer grow without
    bound: a slow disk or a client that stops reading turns into a process
    that runs out of memory.

Example:
    socket.on('data', (chunk) => {
      fileWriter.write(chunk);
    });

Use instead:
    const { pipeline } = require('node:stream/promises');
    await pipeline(socket, fileWriter);

    The stream may also be an `http.request()` result, a parameter or field
    typed `Writable`/`ServerResponse`/`Socket`/…, a binding that is piped or
    emits 'data' (a duplex), or a helper's parameter filled with a stream by
    a caller that runs in a loop; a listener that writes each event's payload
    into a local stream repeats too (confidence medium).

    A hand-written stream (`util.inherits(X, Stream)`, `class X extends
    Stream`) whose own `write()` passes chunks on with `emit('data')` and
    returns nothing breaks the backpressure of whatever is piped into it
    (model/stream_writers.py, confidence medium).

    Two shapes keep stream buffers without a loop of writes
    (model/stream_shapes.py): two sockets joined both ways with `.pipe()` in
    repeated code with no teardown that closes one when the other fails (a
    proxy: use `pipeline()`), and a transform nothing reads while a handler
    or a logger it was given to writes into it (confidence medium).

Known false positives:
    A producer that is known to be slower than the destination, or a loop
    over a small, bounded set of chunks (write them and call `end()`, or
    silence the line with a reason). A logger that appends one line per
    event. `process.stdout.write()` is never reported.
"""

from __future__ import annotations

from leaklint.findings import FixAvailability, Severity
from leaklint.model.stream_shapes import PipePair, UnreadTransform, unguarded_pipe_pairs, unread_transforms
from leaklint.model.streams import Write, stream_index
from leaklint.model.stream_writers import DroppedWrite, dropping_stream_writes
from leaklint.model.ws_sends import UnpacedBroadcast, UnpacedResponseWrite, unpaced_broadcasts, unpaced_response_writes
from leaklint.model.options import ModelOptions
from leaklint.rules.base import RelatedNode, Rule, RuleContext


class IgnoredBackpressure(Rule):
    """Repeated write() whose false return is ignored and nothing waits for 'drain'."""

    code = "LL006"
    name = "ignored-backpressure"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = "A stream is written in a loop or 'data' handler without waiting for 'drain'"
    fix_title = "Use pipeline()/pipe(), or wait for 'drain' when write() returns false"
    precision = "high"

    @classmethod
    def required_words(cls, options: ModelOptions) -> frozenset[str]:
        """`.write()` calls (stream_index), `ws` broadcasts with `.send()` (ws_sends), two-way `.pipe()`s and
        transforms (stream_shapes)."""
        return frozenset({"write", "send", "pipe", "through2", "PassThrough", "Transform"})

    def on_file_end(self, ctx: RuleContext) -> None:
        """Report every repeated write that ignores backpressure, and every unpaced ws broadcast."""
        for write in ctx.model.fact("streams", stream_index).writes:
            self._check(write, ctx)
        for broadcast in ctx.model.fact("ws-broadcasts", unpaced_broadcasts):
            self._report_broadcast(broadcast, ctx)
        for write in ctx.model.fact("sse-broadcasts", unpaced_response_writes):
            self._report_response_broadcast(write, ctx)
        for pair in ctx.model.fact("pipe-pairs", unguarded_pipe_pairs):
            self._report_pipe_pair(pair, ctx)
        for transform in ctx.model.fact("unread-transforms", unread_transforms):
            self._report_unread_transform(transform, ctx)
        for dropped in ctx.model.fact("dropping-stream-writes", dropping_stream_writes):
            self._report_dropped_write(dropped, ctx)

    def _report_dropped_write(self, dropped: DroppedWrite, ctx: RuleContext) -> None:
        owner = dropped.owner
        message = (
            f"`{owner}`'s `write()` passes each chunk on with `emit('data')` and returns nothing, so a stream piped "
            f"into a `{owner}` is never paused (`pipe()` waits only when `write()` returns false): when what reads "
            "it is slower than the source, every chunk queues in memory; return the `write()` result of the stream "
            "it feeds (and re-emit its 'drain'), or build it on stream.Transform"
        )
        related = [RelatedNode(dropped.function.node, f"`{owner}` inherits `{dropped.base}`; this `write()` returns no value")]
        ctx.report(dropped.emit, message, related, confidence="medium")

    def _report_pipe_pair(self, pair: PipePair, ctx: RuleContext) -> None:
        model = ctx.model
        source, dest = model.node_text(pair.source, 30), model.node_text(pair.dest, 30)
        phrase = pair.frequency.phrase
        if "socket" in (pair.source_origin.kind, pair.dest_origin.kind) and phrase == "on every request":
            phrase = "on every connection"  # a net server's callback: its 'request' is a connection
        when = f" {phrase}" if phrase else ""
        message = (
            f"`{source}.pipe({dest})`{when}, with `{dest}.pipe({source})` back: `.pipe()` neither forwards errors "
            f"nor destroys `{dest}` when `{source}` fails or closes, and nothing in the file closes one socket when "
            "the other fails, so a failed side leaves its peer open with its buffers; use `pipeline()` (it "
            "destroys both) or destroy the peer on 'error'/'close'"
        )
        related = [
            RelatedNode(pair.back.node, "the other direction of the same pair"),
            RelatedNode(pair.source_origin.node, f"`{source}`: {pair.source_origin.reason}"),
            RelatedNode(pair.dest_origin.node, f"`{dest}`: {pair.dest_origin.reason}"),
        ]
        if pair.frequency.node is not None:
            related.append(RelatedNode(pair.frequency.node, f"runs repeatedly: {pair.frequency.reason}"))
        inferred = pair.source_origin.inferred or pair.dest_origin.inferred or not pair.frequency.repeats_for_sure
        ctx.report(pair.site.node, message, related, confidence="medium" if inferred else "high")

    def _report_unread_transform(self, transform: UnreadTransform, ctx: RuleContext) -> None:
        name = transform.binding.name
        message = (
            f"`{name}` ({transform.kind}) is filled here, but nothing reads its readable side: every chunk stays in "
            f"its buffer, and once that passes highWaterMark `{name}.write()` returns false and later writes queue "
            "in memory; pipe it somewhere, `resume()` it, or push only when something reads"
        )
        related = [
            RelatedNode(transform.creation, f"`{name}` is created here; no pipe(), 'data' listener, read() or "
                                            "for-await reads it"),
        ]
        if transform.writer is not transform.fill:
            related.append(RelatedNode(transform.writer, transform.writer_reason))
        ctx.report(transform.fill, message, related, confidence="medium")

    def _report_response_broadcast(self, write: UnpacedResponseWrite, ctx: RuleContext) -> None:
        model = ctx.model
        receiver = model.node_text(write.site.receiver, 40)
        collection = model.node_text(write.collection, 40)
        message = (
            f"`{receiver}.write()` to every response kept in `{collection}` on a timer drops its `false`, and "
            "nothing in the file waits for 'drain' or reads `writableNeedDrain`: a client that stops reading gets "
            "every later event queued in this process's memory"
        )
        related = [
            RelatedNode(write.stored, "a request handler keeps its response here, for later writes"),
            RelatedNode(write.timer, "repeats here, at the timer's pace"),
        ]
        ctx.report(write.site.node, message, related, confidence="medium")

    def _report_broadcast(self, broadcast: UnpacedBroadcast, ctx: RuleContext) -> None:
        model = ctx.model
        receiver = model.node_text(broadcast.site.receiver, 40)
        clients = model.node_text(broadcast.clients, 40)
        message = (
            f"`{receiver}.send()` to every client of `{clients}` on a timer never looks at `{receiver}.bufferedAmount`: "
            "a client that stops reading gets the whole stream queued in this process's memory"
        )
        related = [
            RelatedNode(broadcast.server, "a `ws` WebSocketServer: each client buffers what it has not sent yet"),
            RelatedNode(broadcast.timer, "repeats here: a setInterval callback, at its own pace"),
        ]
        ctx.report(broadcast.site.node, message, related, confidence="medium")

    def _check(self, write: Write, ctx: RuleContext) -> None:
        context = write.context
        if context is None:
            return  # a single write, or a fixed list of chunks
        if not write.ignored:
            return  # the result is checked and acted on
        if write.mitigation is not None:
            return  # waits for 'drain', pauses the source, or pipes
        model = ctx.model
        receiver = model.node_text(write.receiver, 40)
        message = (
            f"`{receiver}.write()` in {context.label} ignores backpressure: when {write.origin.sink} is slower "
            f"than {context.producer}, chunks queue in memory without bound"
        )
        related = [
            RelatedNode(write.origin.node, f"`{receiver}` is a writable stream: {write.origin.reason}"),
            RelatedNode(context.node, f"repeats here: {context.label}"),
        ]
        if write.check is not None:
            related.append(RelatedNode(write.check, "the `false` return is checked here but only logged"))
        # per-event pace is inferred, not shown; so is a socket known by its property name, and a loop in the
        # function a callback is handed to (it may also wait for what the callback returns)
        confidence = "medium" if context.kind in ("event", "callback") or write.origin.inferred else "high"
        ctx.report(write.site.node, message, related, fix=_fix_for(model, write), confidence=confidence)


# -- fixes (built in leaklint.rules.fixes; detection above does not depend on them) ------------


def _fix_for(model, write: Write):
    """The edits that act on write() returning false, when leaklint can fix this shape."""
    from leaklint.rules.fixes.streams import backpressure_fix

    return backpressure_fix(model, write)
