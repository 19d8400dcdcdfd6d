"""`ws` broadcasts on a timer that never look at a client's send buffer.

A `ws` WebSocket queues what `send()` cannot hand to the socket yet and
reports the queue's size in `bufferedAmount`; `send()` returns nothing to act
on.  A server that sends to every client of a `WebSocketServer` (`for (const
c of wss.clients) c.send(…)`, `wss.clients.forEach(c => c.send(…))`) from a
`setInterval` callback produces at the timer's pace, whatever each client
reads: one client that stops reading (a stalled tab, a dead link the kernel
has not noticed) buffers the whole stream in the server's memory.

The file handles it when it reads `bufferedAmount` anywhere (a skip or a drop
above a threshold) or closes/terminates slow clients by their buffer.  Known
false positive: a timer slow enough, or payloads small enough, that the
buffer cannot grow to matter before the client times out.

The same holds for server-sent events (``unpaced_response_writes``): HTTP
responses kept in a module-level collection (`clients.add(res)` in a request
handler) and written to from a timer (`for (const c of clients) c.write(…)`).
`res.write()` queues what the socket cannot take and says so only by
returning `false`; a broadcast that drops that value, in a file that never
reads `writableNeedDrain` / `writableLength` and never waits for 'drain',
keeps queuing for a client that stopped reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import CallSite, HandlerKind
from leaklint.model.imports import imported_name
from leaklint.model.loops import loop_index
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

_WS_MODULES = frozenset({"ws", "isomorphic-ws"})
_SERVER_CLASSES = frozenset({"WebSocketServer", "Server"})


@dataclass(frozen=True)
class UnpacedBroadcast:
    """A `client.send()` to every client of a ws server, repeated by a timer, with no look at `bufferedAmount`."""

    site: CallSite
    server: Node  # the `new WebSocketServer(…)` the clients come from
    timer: Node  # the setInterval call whose callback repeats the send
    clients: Node  # `wss.clients`


def unpaced_broadcasts(model: FileModel) -> list[UnpacedBroadcast]:
    """Every broadcast send of the file that nothing paces by the client's buffer."""
    if b"bufferedAmount" in model.source or b".clients" not in model.source:
        return []
    found = []
    for site in model.method_calls("send"):
        client = syntax.unwrap(site.receiver)
        if client is None or client.type != "identifier" or len(site.arguments) < 1:
            continue
        clients = _clients_iterated_as(model, client, site)
        if clients is None:
            continue
        server = _ws_server(model, syntax.unwrap(clients.child_by_field_name("object")))
        if server is None:
            continue
        timer = _timer_around(model, site)
        if timer is None:
            continue
        found.append(UnpacedBroadcast(site, server, timer, clients))
    return found


def _clients_iterated_as(model: FileModel, client: Node, site: CallSite) -> Node | None:
    """The `X.clients` that `client` walks: a `for (const client of X.clients)` or `X.clients.forEach(client => …)`."""
    return next((c for c in _iterables_of(model, client, site) if _is_clients(c)), None)


def _iterables_of(model: FileModel, client: Node, site: CallSite) -> list[Node]:
    """What `client` is an element of, around ``site``: `for (const client of X)`, `X.forEach((client) => …)`."""
    binding = model.resolve(client)
    if binding is None:
        return []
    found = []
    for loop in loop_index(model).loops:
        if loop.kind != "for-of" or not (loop.body.start_byte <= site.node.start_byte < loop.body.end_byte):
            continue
        left = loop.node.child_by_field_name("left")
        if left is not None and left.start_byte <= binding.node.start_byte < left.end_byte:
            iterable = syntax.unwrap(loop.iterable)
            if iterable is not None:
                found.append(iterable)
    function = model.function_at(binding.node)
    if binding.kind == "param" and function is not None and function.params and function.params[0] is binding:
        context = function.context
        if context and context[0] == "argument" and context[2] == 0:
            call = model.call_site(context[1])
            receiver = syntax.unwrap(call.receiver)
            if call.method == "forEach" and receiver is not None:
                found.append(receiver)
    return found


def _is_clients(node: Node | None) -> bool:
    if node is None or node.type != "member_expression":
        return False
    prop = node.child_by_field_name("property")
    return prop is not None and syntax.text(prop) == "clients"


def _ws_server(model: FileModel, node: Node | None) -> Node | None:
    """The `new WebSocketServer(…)` / `new WebSocket.Server(…)` (from 'ws') a binding holds."""
    if node is None or node.type != "identifier":
        return None
    binding = model.resolve(node)
    if binding is None:
        return None
    for value in binding.assigned_values():
        value = syntax.unwrap(value)
        if value is None or value.type != "new_expression":
            continue
        constructor = syntax.unwrap(value.child_by_field_name("constructor"))
        if constructor is None:
            continue
        name = syntax.text(constructor).split(".")[-1]
        if name not in _SERVER_CLASSES:
            continue
        root = constructor
        while root is not None and root.type == "member_expression":
            root = syntax.unwrap(root.child_by_field_name("object"))
        imported = imported_name(model.resolve(root)) if root is not None and root.type == "identifier" else None
        if imported is not None and imported[0] in _WS_MODULES:
            return value
    return None


def _timer_around(model: FileModel, site: CallSite) -> Node | None:
    """The setInterval whose callback (directly or through the functions around the send) runs it."""
    function = site.function
    steps = 0
    while function is not None and steps < 8:
        steps += 1
        fact = model.frequency(function)
        if fact.handler is HandlerKind.TIMER and fact.node is not None:
            return fact.node
        function = function.parent
    return None


@dataclass(frozen=True)
class UnpacedResponseWrite:
    """A `client.write()` to every HTTP response kept in a collection, repeated by a timer, return value dropped."""

    site: CallSite
    collection: Node  # the collection the responses are kept in
    stored: Node  # where a request handler adds its response
    timer: Node  # the setInterval (or timer loop) that repeats the write


_PACING_WORDS = (b"writableNeedDrain", b"writableLength", b"'drain'", b'"drain"', b"`drain`")
_RESPONSE_NAMES = frozenset({"res", "response", "reply"})
_ADDING_METHODS = ("add", "push", "set", "unshift")


def unpaced_response_writes(model: FileModel) -> list[UnpacedResponseWrite]:
    """Every timer-driven write to stored HTTP responses that nothing paces."""
    if any(word in model.source for word in _PACING_WORDS):
        return []
    found = []
    for site in model.method_calls("write"):
        client = syntax.unwrap(site.receiver)
        if client is None or client.type != "identifier" or not site.arguments:
            continue
        parent = site.node.parent
        if parent is None or parent.type != "expression_statement":
            continue  # the result is used: the code may act on `false`
        collection = _collection_iterated_as(model, client, site)
        if collection is None:
            continue
        stored = _stored_response(model, collection)
        if stored is None:
            continue
        timer = _timer_around(model, site)
        if timer is None:
            continue
        found.append(UnpacedResponseWrite(site, collection, stored, timer))
    return found


def _collection_iterated_as(model: FileModel, client: Node, site: CallSite) -> Node | None:
    """The module-level collection `client` walks: `for (const c of clients)`, `clients.forEach((c) => …)`."""
    for candidate in _iterables_of(model, client, site):
        if candidate.type == "call_expression":  # `clients.values()`
            callee = syntax.unwrap(candidate.child_by_field_name("function"))
            if callee is not None and callee.type == "member_expression" and syntax.text(
                callee.child_by_field_name("property")
            ) in ("values", "keys"):
                candidate = syntax.unwrap(callee.child_by_field_name("object"))
        if candidate is None or candidate.type != "identifier":
            continue
        held = model.resolve(candidate)
        if held is not None and held.is_module_level:
            return candidate
    return None


def _stored_response(model: FileModel, collection: Node) -> Node | None:
    """A call that adds a request handler's response parameter to ``collection``."""
    binding = model.resolve(collection)
    for site in model.method_calls(*_ADDING_METHODS):
        receiver = syntax.unwrap(site.receiver)
        if receiver is None or receiver.type != "identifier" or model.resolve(receiver) is not binding:
            continue
        value = syntax.unwrap(site.argument(1 if site.method == "set" else 0))
        if value is None or value.type != "identifier":
            continue
        stored = model.resolve(value)
        if stored is None or stored.kind != "param" or stored.name not in _RESPONSE_NAMES:
            continue
        handler = next((f for f in model.functions if f.scope is stored.scope), None)
        if handler is None:
            continue
        fact = model.frequency(handler)
        if fact.is_request_handler or fact.handler is HandlerKind.REQUEST or (
            len(handler.params) >= 2 and handler.params[1] is stored and handler.params[0].name in ("req", "request")
        ):
            return site.node
    return None
