"""LL003 captured-request.

What it does:
    Finds a closure created inside a request (or connection) handler that
    references the request object itself (`req`, `res`, `ctx`, `request`,
    `reply`, `socket`, or a local alias of one) and is stored somewhere that
    outlives the request: pushed, added or set into a long-lived collection,
    assigned to a property of a long-lived object or to a module-level
    binding, or passed to a function of the same file that stores its
    callback argument in such a place.

    It also reports the request objects themselves filed in a collection
    that outlives the handler (`clients.push({ req, res })`,
    `sockets[id] = socket`) when nothing removes them when the request or
    connection ends, and stored closures that keep writing to the request
    (`res.write()`, `socket.emit()`). The request object may get there
    through a same-file helper (`addClient(res)`, `trackConn(server, conn)`)
    or wrapped (`new Client(ws)`, `const maConn = toConnection(stream)`).

Why is this a leak:
    The closure keeps every variable it references reachable, and the
    request object holds the socket, the headers and the parsed body. While
    the stored closure waits in a queue or a registry, the whole request
    waits with it, so memory grows with traffic instead of with the number of
    requests in flight.

Example:
    const queue = [];
    function scheduleReportEmail(id, send) { queue.push({ id, send }); }
    app.get('/report/:id', (req, res) => {
      scheduleReportEmail(req.params.id, () => sendEmailFor(req.params.id, req.user));
      res.json({ scheduled: true });
    });

Use instead:
    app.get('/report/:id', (req, res) => {
      const id = req.params.id;
      const userId = req.user.id;
      scheduleReportEmail(id, () => sendEmailFor(id, userId));
      res.json({ scheduled: true });
    });

Known false positives:
    A store that is emptied before the request ends, in a way the rule cannot
    see (another file drains it synchronously). Listener registrations are left
    to LL002 and `setInterval` callbacks to LL004; closures that answer the
    request themselves (`res.send()`, `ctx.body =`, `socket.send()`) are not
    reported, because the request is still open until they run.
"""

from __future__ import annotations

from leaklint.findings import FixAvailability, Severity
from leaklint.model import FileModel, Function, Reference
from leaklint.model.escapes import EscapeAnalysis, Use, UseKind, escape_analysis, is_awaited
from leaklint.model.request_stores import RequestStore, finish_removal, removed_when_ended, request_stores
from leaklint.model.requests import RequestObject, RequestObjects, request_objects
from leaklint.rules.base import RelatedNode, Rule, RuleContext, confidence


class CapturedRequest(Rule):
    """Closure over a request object stored where it outlives the request."""

    code = "LL003"
    name = "captured-request"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = "A closure that captures the request object is stored somewhere that outlives the request"
    fix_title = "Copy the values the closure needs out of the request before creating it"
    precision = "high"

    def on_file_end(self, ctx: RuleContext) -> None:
        """Check every closure created inside a function (module-level ones cannot capture a request)."""
        model = ctx.model
        requests: RequestObjects = model.fact("requests", request_objects)
        escapes: EscapeAnalysis = model.fact("escapes", escape_analysis)
        handlers: dict[int, bool] = {}
        for function in model.functions:
            if function.parent is not None:
                self._check(function, model, requests, escapes, ctx, handlers)
        grouped: dict[int, list[RequestStore]] = {}
        for store in model.fact("request_stores", request_stores):
            grouped.setdefault(store.use.node.start_byte, []).append(store)
        for stores in grouped.values():
            self._report_store(stores, ctx)

    def _report_store(self, stores: list[RequestStore], ctx: RuleContext) -> None:
        """The request object itself filed in a long-lived collection, never taken out when it ends."""
        store = stores[0]
        origin = store.origin
        names = list(dict.fromkeys(s.origin.binding.name for s in stores))
        name = origin.binding.name
        if len(names) > 1:
            name = "` and `".join(names)
        collection = ctx.model.node_text(store.collection, 40)
        ending = "disconnects" if origin.unit == "connection" else "closes"
        where = f"is {store.use.how} `{collection}`"
        via = store.use.via
        if via is not None:
            callee = ctx.model.node_text(via.callee, 40) if via.callee is not None else "a function"
            where = f"is passed to `{callee}()`, which {_third_person(store.use.how)} `{collection}`"
        if store.wrapper is not None:
            made = ctx.model.node_text(store.wrapper, 40)
            where = f"is kept by `{made}`, which {where}"
        message = (
            f"`{name}` ({origin.reason}) {where}, which outlives the {origin.unit}, and "
            f"nothing removes it when the {origin.unit} {ending}: every {origin.unit}'s `{name}` stays reachable"
        )
        related = [
            RelatedNode(origin.binding.node, f"`{name}` is request-scoped: {origin.reason}"),
            RelatedNode(store.collection, f"`{collection}` outlives the {origin.unit}: {store.holder}"),
        ]
        if via is not None:
            related.append(RelatedNode(via.node, f"`{name}` is passed here to a function that stores it"))
        registration = origin.frequency.node
        if registration is not None:
            related.append(RelatedNode(registration, f"runs {origin.frequency.phrase or 'repeatedly'}: "
                                                     f"{origin.frequency.reason}"))
        on_finish = finish_removal(ctx.model, store)
        if on_finish is not None:  # inferred from what Node's streams emit, not shown by the file: medium
            related.append(RelatedNode(on_finish, "removed only on `'finish'`, which a stream emits when the server "
                                                  "ends it, never when the client goes away first (`'close'`)"))
        ctx.report(store.use.node, message, related,
                   confidence="medium" if on_finish is not None else confidence(origin.frequency.is_inferred))

    def _check(
        self, function: Function, model: FileModel, requests: RequestObjects, escapes: EscapeAnalysis,
        ctx: RuleContext, handlers: dict[int, bool],
    ) -> None:
        captured: list[tuple[RequestObject, list[Reference]]] = []
        for binding, references in model.captures_of(function).items():
            origin = requests.of(binding)
            if origin is not None:
                captured.append((origin, references))
        if not captured:
            return  # captures only values taken out of the request, or nothing request-scoped
        # Asked second: it only says no where the request object is a parameter another file passes one to
        # (`_passed_request`); a handler's own request object, or an alias of one, lives in a function around
        # the closure that is that handler. Asked first, it cost the frequency of every closure's parents.
        if not _inside_request_handler(function, model, handlers):
            return  # no request or connection object can be in reach
        handler = captured[0][0].handler
        stores = [
            use
            for use in escapes.escapes(function)
            if _outlives_request(use) and not escapes.removals_within(use, handler)
        ]
        if not stores:
            return  # called, consumed, kept by request-scoped objects, or taken out again by the handler
        answer = requests.answer(function, captured)
        streaming = answer is not None and _keeps_writing(answer, captured[0][0])
        if streaming:
            stores = [use for use in stores if use.grows and not removed_when_ended(model, use, handler)]
            if not stores:
                return  # a subscriber taken out again when the request or connection ends
        elif answer is not None:
            return  # the closure replies to the request: the request is open until it runs
        captured.sort(key=lambda item: item[1][0].node.start_byte)
        origin, references = captured[0]
        store = stores[0]
        message = _message(origin, store, model)
        if streaming:
            message += f"; it writes to `{origin.binding.name}` on every call and nothing removes it when the " + (
                "connection closes" if origin.unit == "connection" else "request closes")
        inferred = any(item.frequency.is_inferred for item, _ in captured)
        ctx.report(
            function.node, message, _related(captured, stores, model), fix=_fix_for(model, function, captured),
            confidence=confidence(inferred),
        )


# Calls through which a stored closure keeps writing to an open request instead of finishing it.
_STREAMING_METHODS = frozenset({"write", "writeHead", "emit", "push"})


def _keeps_writing(answer, origin: RequestObject) -> bool:
    """`res.write(…)`, `socket.emit(…)`, `ws.send(…)` on a connection: a subscriber, not a one-time reply."""
    if answer.type != "call_expression":
        return False
    callee = answer.child_by_field_name("function")
    prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
    name = prop.text.decode() if prop is not None else ""
    return name in _STREAMING_METHODS or (name == "send" and origin.unit == "connection")


def _inside_request_handler(function: Function, model: FileModel, memo: dict[int, bool]) -> bool:
    """Whether some function around ``function`` is a request or connection handler."""
    chain = []  # walk up iteratively: nesting can be thousands deep
    answer = False
    current = function
    while True:
        key = current.node.start_byte
        if key in memo:
            answer = memo[key]
            break
        chain.append(key)
        parent = current.parent
        if parent is None:
            break
        if model.frequency(parent).is_request_handler:
            answer = True
            break
        current = parent
    for key in chain:
        memo[key] = answer
    return answer


def _outlives_request(use: Use) -> bool:
    """A store that adds one more entry to something long-lived, which the handler does not wait for."""
    if use.kind is not UseKind.STORED or not use.is_long_lived:
        return False  # listener and timer registrations belong to LL002 / LL004
    if not use.grows or use.weak:
        return False  # one slot overwritten by the next request, or an entry that dies with its key
    return use.via is None or not is_awaited(use.via.node)  # `await enqueue(cb)`: the request waits for it


def _message(origin: RequestObject, store: Use, model: FileModel) -> str:
    name = origin.binding.name
    if store.via is not None:
        callee = model.node_text(store.via.callee, 40) if store.via.callee is not None else "a function"
        where = f"is passed to `{callee}()`, which {_third_person(store.how)} {store.target_label}"
    else:
        where = f"is {store.how} {store.target_label}"
    return (
        f"closure captures `{name}` ({origin.reason}) and {where}, "
        f"so every {origin.unit}'s `{origin.parameter.name}` stays reachable for as long as the closure is kept there"
    )


def _third_person(how: str) -> str:
    """"pushed into" -> "pushes it into"."""
    verb, _, rest = how.partition(" ")
    forms = {
        "pushed": "pushes",
        "added": "adds",
        "set": "sets",
        "assigned": "assigns",
        "stored": "stores",
        "spliced": "splices",
    }
    return f"{forms.get(verb, verb)} it {rest}".strip()


def _related(
    captured: list[tuple[RequestObject, list[Reference]]], stores: list[Use], model: FileModel
) -> list[RelatedNode]:
    related: list[RelatedNode] = []
    for origin, references in captured:
        binding = origin.binding
        related.append(RelatedNode(binding.node, f"`{binding.name}` is request-scoped: {origin.reason}"))
        related.append(RelatedNode(references[0].node, f"the closure uses `{binding.name}` here"))
    for store in stores[:3]:
        if store.via is not None:
            related.append(RelatedNode(store.via.node, "the closure is passed here to a function that stores it"))
        related.append(RelatedNode(store.node, f"stored here: {store.describe()}"))
        lifetime = store.lifetime
        if lifetime is not None and lifetime.node is not None:
            related.append(RelatedNode(lifetime.node, f"long-lived: {lifetime.reason}"))
    origin = captured[0][0]
    registration = origin.frequency.node
    if registration is not None:
        phrase = origin.frequency.phrase or "repeatedly"
        related.append(RelatedNode(registration, f"runs {phrase}: {origin.frequency.reason}"))
    return related


# -- fixes (built in leaklint.rules.fixes; detection above does not depend on them) ------------


def _fix_for(model: FileModel, function: Function, captured):
    """The edits that copy the request's values out before the closure, when leaklint can fix this shape."""
    from leaklint.rules.fixes.requests import hoist_request_reads

    return hoist_request_reads(model, function, captured)
