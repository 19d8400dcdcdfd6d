"""Socket.IO sockets, and the events they never emit.

A Socket.IO server's `'connection'` listener receives a Socket.IO `Socket`,
not a `net.Socket`: it ends with `'disconnecting'` and `'disconnect'` and
never emits `'close'`, `'end'`, `'finish'` or `'timeout'` (those belong to
the engine.io connection under it, `socket.conn`). A removal in such a
listener never runs, so a collection it was meant to trim keeps every client
that ever connected (round-6 fresh sample, MitMaro/node-server-shutdown#17).

A server is Socket.IO's when the file shows it: `require('socket.io')(…)`,
`require('socket.io').listen(…)`, `new Server(…)` / `socketio(…)` with the
name imported from `socket.io`, a binding assigned one of those, and its
`io.of('/ns')` namespaces and `io.sockets`; a parameter when some caller
passes one (in the file, or in another file through the project link:
`registerServer(io)`), and a Socket.IO socket handed on by the listener
(`(s) => this.track(s)` makes `track(socket)`'s parameter one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import listener_call_of
from leaklint.model.imports import bare_module, imported_name, require_source
from leaklint.model.passed_arguments import linked_kinds, passed_values
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.scopes import Function

SOCKET_IO_MODULES = frozenset({"socket.io"})
# Events of a net.Socket / stream that a Socket.IO Socket never emits.
NEVER_EMITTED = frozenset({"close", "end", "finish", "timeout"})
_CONNECTION_EVENTS = frozenset({"connection", "connect"})
_LISTEN_METHODS = frozenset({"on", "once", "addListener", "prependListener", "prependOnceListener"})


def silent_listener(model: FileModel, function: Function | None) -> str | None:
    """Why a listener never runs: "a 'close' listener on a Socket.IO socket, which …", else None."""
    context = function.context if function is not None else None
    if not context or context[0] != "argument" or context[2] != 1:
        return None
    site = model.call_site(context[1])
    event = syntax.string_value(site.argument(0))
    if site.method not in _LISTEN_METHODS or event not in NEVER_EMITTED:
        return None
    if not is_socket_io_socket(model, site.receiver):
        return None
    return (
        f"is in a '{event}' listener on a Socket.IO socket, which ends with 'disconnect' and never emits "
        f"'{event}'"
    )


def is_socket_io_socket(model: FileModel, node: Node | None, depth: int = 0) -> bool:
    """The first parameter of a `'connection'` listener on a Socket.IO server or namespace, or a parameter it is passed to."""
    site = listener_call_of(model, node)
    if (
        site is not None
        and site.method in _LISTEN_METHODS
        and syntax.string_value(site.argument(0)) in _CONNECTION_EVENTS
        and is_socket_io_server(model, site.receiver, depth + 1)
    ):
        return True
    node = syntax.unwrap(node)
    if site is not None or node is None or node.type != "identifier" or depth > 4:
        return False
    binding = model.resolve(node)
    return binding is not None and binding.kind == "param" and any(
        is_socket_io_socket(model, value, depth + 1) for value in passed_values(model, binding)
    )


def is_socket_io_server(model: FileModel, node: Node | None, depth: int = 0) -> bool:
    """A Socket.IO server, namespace or `io.sockets`, as the file shows it made."""
    node = syntax.unwrap(node)
    if node is None or depth > 4:
        return False
    if node.type == "identifier":
        binding = model.resolve(node)
        if binding is not None and binding.kind == "param":  # some caller passes one
            if "socket.io-server" in linked_kinds(model, binding):
                return True
            return any(is_socket_io_server(model, value, depth + 1) for value in passed_values(model, binding))
        if binding is None or binding.kind not in ("const", "let", "var"):
            return False
        return any(is_socket_io_server(model, value, depth + 1) for value in binding.assigned_values())
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return prop is not None and syntax.text(prop) == "sockets" and is_socket_io_server(
            model, node.child_by_field_name("object"), depth + 1
        )
    if node.type not in ("call_expression", "new_expression"):
        return False
    callee = syntax.unwrap(node.child_by_field_name("constructor" if node.type == "new_expression" else "function"))
    if callee is None:
        return False
    if _from_socket_io(model, callee):
        return True  # `require('socket.io')(server)`, `socketio(server)`, `new Server(server)`
    if callee.type == "member_expression":
        prop = callee.child_by_field_name("property")
        name = syntax.text(prop) if prop is not None else ""
        owner = callee.child_by_field_name("object")
        if name in ("listen", "Server") and _from_socket_io(model, owner):
            return True  # `require('socket.io').listen(server)`, `new socketio.Server()`
        if name == "of" and is_socket_io_server(model, owner, depth + 1):
            return True  # a namespace
    return False


def _from_socket_io(model: FileModel, node: Node | None) -> bool:
    node = syntax.unwrap(node)
    if node is None:
        return False
    module = require_source(node)
    if module is None and node.type == "identifier":
        imported = imported_name(model.resolve(node))
        module = imported[0] if imported is not None else None
    return module is not None and bare_module(module) in SOCKET_IO_MODULES


def in_silent_listener(model: FileModel, node: Node) -> str | None:
    """Why the code at a node never runs because it is in (or under) a listener for a never-emitted event."""
    function = model.function_at(node)
    while function is not None:
        reason = silent_listener(model, function)
        if reason is not None:
            return reason
        function = function.parent
    return None
