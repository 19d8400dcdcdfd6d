"""Writable streams and the `.write()` calls that feed them.

A fact shared by rules that care about backpressure.  A receiver is
stream-like when the file shows where it comes from: `fs.createWriteStream`,
`net.connect`/`createConnection` (and `tls.connect`, `new net.Socket`),
`zlib.create*`, `new Writable/Transform/PassThrough/Duplex` (from `stream`),
the `stdin` of a process `child_process.spawn()` starts (``_child_stdin``),
the `socket` parameter of a net/tls server connection handler, and the
response parameter of a request handler (`res`, `reply.raw`, `ctx.res`).
`process.stdout` and `process.stderr` are deliberately not stream-like here.

For each `.write()` on such a receiver the index records why the call repeats
(a loop in the same function, a `for await` loop, a `forEach`/`map` callback,
a `'data'` listener, or for network receivers a `setInterval` callback),
whether its `false` return is ignored (or only logged), and what in the file
handles backpressure anyway: a `'drain'` wait on the same stream, `pause()`
on the source of the `'data'` events, or `pipe`/`pipeline` involving either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import AccessPath, CallSite, HandlerKind, direct_calls
from leaklint.model.callback_chains import callback_chain
from leaklint.model.imports import bare_module, imported_name, module_of
from leaklint.model.loops import Loop, iteration_call, loop_index
from leaklint.model.looped_callbacks import looped_callback
from leaklint.model.passed_arguments import calls_in_file
from leaklint.model.scopes import Binding, Function
from leaklint.model.timers import timer_index
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

STREAM_MODULES = frozenset({"stream", "readable-stream", "stream/promises"})
FS_MODULES = frozenset({"fs", "fs-extra", "graceful-fs"})
NET_MODULES = frozenset({"net", "tls"})
SERVER_MODULES = frozenset({"net", "tls", "http", "https", "http2"})
HTTP_MODULES = frozenset({"http", "https"})
# TypeScript annotations that name a writable stream (`res: ServerResponse`, `private out?: WriteStream`).
_WRITABLE_TYPE = re.compile(
    r"^:\s*(?:\w+\.)?(Writable|WriteStream|Duplex|Transform|PassThrough|ServerResponse|Response|Socket|"
    r"ClientRequest|OutgoingMessage)\b"
)
# Events after which a listener's payload is no longer data to copy: lifecycle notifications.
_LIFECYCLE_EVENTS = frozenset({"end", "close", "finish", "error", "drain", "open", "connect", "ready", "listening",
                               "disconnect", "timeout", "abort", "aborted", "exit", "pause", "resume"})
# Methods through which a callback subscribes to a stream of events (`observable.subscribe(fn)`).
SUBSCRIBE_METHODS = frozenset({"subscribe"})
# lodash/underscore/async collection helpers that call their second argument once per item.
_LIBRARY_ITERATION = frozenset({"each", "forEach", "map", "eachSeries", "forEachOf", "eachOf"})
_LIBRARY_ITERATION_OWNERS = frozenset({"_", "lodash", "underscore", "async"})
_EMITTER_CLASSES = frozenset({"EventEmitter", "Emitter", "EventTarget"})
WRITABLE_CLASSES = frozenset({"Writable", "Transform", "PassThrough", "Duplex"})
CONNECT_FUNCTIONS = frozenset({"connect", "createConnection"})
# `child_process` functions whose ChildProcess has a `stdin` pipe (with the default `stdio: 'pipe'`).
CHILD_PROCESS_FUNCTIONS = frozenset({"spawn", "exec", "execFile", "fork"})
CHILD_PROCESS_MODULES = frozenset({"child_process", "cross-spawn"})
SOCKET_EVENTS = frozenset({"connection", "secureConnection"})
RESPONSE_NAMES = frozenset({"res", "response", "resp"})
DATA_LISTENER_METHODS = frozenset({"on", "addListener", "prependListener"})
# Callers that drop what a callback returns: `x => out.write(x)` passed to them ignores the result.
RESULT_DROPPING_METHODS = frozenset({"on", "once", "addListener", "prependListener", "forEach", "setInterval"})
RESULT_DROPPING_FUNCTIONS = frozenset({"setInterval", "setTimeout", "setImmediate"})
SOURCE_NOUNS = frozenset(
    {"socket", "stream", "source", "upstream", "input", "connection", "client", "request", "readable"}
)
# Emitter and stream methods that return the stream itself, so calls chain.
CHAINING_METHODS = frozenset({"on", "once", "addListener", "prependListener", "prependOnceListener", "off",
                              "removeListener", "setEncoding", "pause", "resume", "setTimeout", "setNoDelay"})
WAIT_METHODS = ("once", "on", "addListener", "prependListener", "prependOnceListener")
# 'drain', and 'resume' of an old-style (Stream v1) stream whose pause() tells its writer to stop.
DRAIN_EVENTS = frozenset({"drain", "resume"})
# Reading these is checking the buffer by hand; a helper named after 'drain' waits for it.
_BACKPRESSURE_WORDS = re.compile(rb"[dD]rain|writableLength|writableHighWaterMark|writableNeedDrain")
_BUFFER_WORDS = re.compile(rb"writableLength|writableHighWaterMark|writableNeedDrain|\.pause\(")
_LOGGING = re.compile(r"^(?:console\.\w+|(?:\w+\.)*(?:log|logger|debug|trace|info|warn|error)(?:\.\w+)?)$")

SINKS = {
    "file": "the disk",
    "connection": "the peer",
    "socket": "the peer",
    "response": "the client",
    "zlib": "whoever reads the compressed output",
    "writable": "the stream's consumer",
    "request": "the upstream server",
    "transform": "whatever reads its output",
    "child": "the child process",
}


@dataclass(frozen=True)
class StreamOrigin:
    """Why a receiver is a writable stream, and the node that shows it."""

    kind: str  # file | connection | socket | response | zlib | writable | child
    reason: str  # "created by fs.createWriteStream()"
    node: Node
    inferred: bool = False  # from a name (`this.connector.socket`), not from where the stream is made

    @property
    def sink(self) -> str:
        """What drains the stream, for messages: "the disk", "the client"."""
        return SINKS[self.kind]

    @property
    def is_network(self) -> bool:
        """A peer that can stop reading at any time."""
        return self.kind in ("connection", "socket", "response", "request")


@dataclass(frozen=True)
class WriteContext:
    """Why a write runs again and again: a loop, a `'data'` listener, a timer."""

    kind: str  # loop | async-iteration | iteration | data | interval | event | callback (another function's loop)
    label: str  # "a 'data' handler", "a `for await` loop"
    node: Node  # the loop statement or the registering call
    source: Node | None = None  # the readable the data comes from, when known

    @property
    def producer(self) -> str:
        """What produces the chunks, for messages: "the socket", "the loop"."""
        if self.source is not None:
            text = " ".join(syntax.text(self.source).split())
            if self.source.type == "identifier" and text in SOURCE_NOUNS:
                return f"the {text}"
            return f"`{text}`" if len(text) <= 40 else "the source"
        return {"interval": "the timer"}.get(self.kind, "the loop")


@dataclass(eq=False)
class Write:
    """One `.write()` on a stream-like receiver."""

    site: CallSite
    origin: StreamOrigin
    context: WriteContext | None
    ignored: bool  # the `false` return is dropped, or only logged
    check: Node | None  # the condition that looks at the result without acting on it
    mitigation: Node | None  # a 'drain' wait, pause() or pipe that handles backpressure

    @property
    def receiver(self) -> Node:
        """The stream expression, without parentheses or TypeScript wrappers."""
        return syntax.unwrap(self.site.receiver) or self.site.receiver


@dataclass
class StreamIndex:
    """Every write on a stream-like receiver in a file."""

    writes: list[Write]


def stream_index(model: FileModel) -> StreamIndex:
    """Build (once per file, through ``model.fact``) the stream write index."""
    sites = model.method_calls("write")
    if not sites:
        return StreamIndex([])
    finder = _Finder(model)
    writes = []
    for site in sites:
        if site.receiver is None:
            continue
        origin = finder.origin(site.receiver)
        if origin is None:
            continue
        context = finder.context(site, origin)
        if context is not None and origin.kind == "transform" and context.kind in ("data", "event", "interval"):
            context = None  # a piped transform fed per message passes it on; only a loop clearly outruns it
        # A 'data' listener keeps receiving chunks whatever it waits for, unless the source is paused.
        flowing = context is not None and context.kind in ("data", "event")
        ignored, check = _result_ignored(model, site, flowing)
        mitigation = finder.mitigation(site, context) if context is not None and ignored else None
        writes.append(Write(site, origin, context, ignored, check, mitigation))
    return StreamIndex(writes)


class _Finder:
    """The lookups a stream index needs, built lazily once per file."""

    def __init__(self, model: FileModel) -> None:
        self.model = model
        self._assigned: dict[AccessPath, list[Node]] | None = None
        self._handling: dict[str, list[tuple[Node, tuple | None]]] | None = None

    # -- is the receiver a stream? ----------------------------------------------

    def origin(self, receiver: Node, depth: int = 0) -> StreamOrigin | None:
        """Where a receiver's stream comes from, or None when it is not known to be a writable stream."""
        node = syntax.unwrap(receiver)
        if node is None or depth > 4:
            return None
        if node.type == "identifier":
            return self._binding_origin(self.model.resolve(node), depth)
        if node.type in ("member_expression", "subscript_expression"):
            special = self._request_member(node) or self._child_stdin(node, depth)
            if special is not None:
                return special
            path = self.model.access_path(node)
            for value in self.assigned().get(path, ()) if path is not None else ():
                found = self.creation(value) or _annotated_origin(value, syntax.text(node))
                if found is not None:
                    return found
            return self._entry_field_origin(node) or connection_property(self.model, node)
        return self.creation(node)

    def _child_stdin(self, node: Node, depth: int) -> StreamOrigin | None:
        """`child.stdin` of a process `child_process.spawn()` (or `exec`/`execFile`/`fork`) starts: a Writable pipe.

        The child reads it at its own pace (FFmpeg encoding frames), so a write that outruns it buffers
        in this process.  Only a member named `stdin` on the call itself or on a local the file assigns
        from such a call.
        """
        prop = node.child_by_field_name("property") if node.type == "member_expression" else None
        if prop is None or syntax.text(prop) != "stdin":
            return None
        holder = syntax.unwrap(node.child_by_field_name("object"))
        if holder is None or depth > 4:
            return None
        values = [holder]
        if holder.type == "identifier":
            binding = self.model.resolve(holder)
            values = binding.assigned_values() if binding is not None and binding.kind in ("const", "let", "var") else []
        for value in values:
            value = syntax.unwrap(value)
            while value is not None and value.type == "await_expression":
                value = syntax.unwrap(value.named_children[0]) if value.named_children else None
            if value is None or value.type != "call_expression":
                continue
            site = self.model.call_site(value)
            name = site.method or site.name
            if name in CHILD_PROCESS_FUNCTIONS and self._callee_module(site) in CHILD_PROCESS_MODULES:
                return StreamOrigin("child", f"the stdin pipe of a child process started by {name}()", value)
        return None

    def _binding_origin(self, binding: Binding | None, depth: int) -> StreamOrigin | None:
        if binding is None:
            return None
        if binding.kind == "param":
            return self._param_origin(binding, depth) or self._duplex_origin(binding)
        if binding.kind not in ("const", "let", "var"):
            return None
        for value in binding.assigned_values():
            value = syntax.unwrap(value)
            if value is None:
                continue
            if value.type == "identifier":
                found = self.origin(value, depth + 1)  # `const out = file;`
            else:
                found = self.creation(value)
            if found is not None:
                return found
        return self._duplex_origin(binding)

    def creation(self, node: Node | None) -> StreamOrigin | None:
        """A call or `new` that creates a writable stream."""
        node = syntax.unwrap(node)
        if node is None:
            return None
        if node.type == "call_expression":
            return self._factory_origin(self.model.call_site(node))
        if node.type == "new_expression":
            return self._constructor_origin(self.model.call_site(node))
        return None

    def _factory_origin(self, site: CallSite) -> StreamOrigin | None:
        callee_name = site.method or site.name
        if callee_name is None:
            return None
        module = self._callee_module(site)
        if callee_name == "createWriteStream":
            if module in FS_MODULES:
                return StreamOrigin("file", f"a file stream created by {module}.createWriteStream()", site.node)
            return StreamOrigin("writable", "a stream created by createWriteStream()", site.node)
        if module in NET_MODULES and callee_name in CONNECT_FUNCTIONS:
            return StreamOrigin("connection", f"a connection opened by {module}.{callee_name}()", site.node)
        if callee_name == "request" and module in HTTP_MODULES:
            return StreamOrigin("request", f"an outgoing request created by {module}.request()", site.node)
        if module == "zlib" and callee_name.startswith("create"):
            return StreamOrigin("zlib", f"a zlib stream created by {callee_name}()", site.node)
        return None

    def _constructor_origin(self, site: CallSite) -> StreamOrigin | None:
        callee = site.callee
        if callee is None:
            return None
        if callee.type == "identifier":
            name = syntax.text(callee)
            binding = self.model.resolve(callee)
            imported = imported_name(binding)
            module = bare_module(imported[0]) if imported is not None else None
            own = self._own_stream_class(binding, name)
            if own is not None:
                return StreamOrigin("writable", f"a `new {name}()`, {own}", site.node)
            if binding is not None and imported is None:
                return None  # a class of this file that happens to share the name
        elif callee.type == "member_expression":
            prop = callee.child_by_field_name("property")
            name = syntax.text(prop) if prop is not None else ""
            module = module_of(self.model, callee.child_by_field_name("object"))
            module = bare_module(module) if module is not None else None
        else:
            return None
        if name in WRITABLE_CLASSES and (module is None or module in STREAM_MODULES):
            return StreamOrigin("writable", f"a `new {name}()` stream", site.node)
        if name == "Socket" and module in NET_MODULES:
            return StreamOrigin("connection", "a `new net.Socket()`", site.node)
        return None

    def _own_stream_class(self, binding: Binding | None, name: str) -> str | None:
        """Why a class or constructor of the project (this file's, or one it imports) is a writable stream."""
        from leaklint.model.stream_writers import old_style_stream_classes

        if binding is None or not binding.is_module_level:
            return None
        if binding.kind == "import" or imported_name(binding) is not None:
            linked = self.model.external.stream_class(binding.name)
            return f"a stream: {linked}" if linked is not None else None
        base = self.model.fact("old-style-stream-classes", old_style_stream_classes).get(name)
        return f"a stream that inherits `{base}`" if base is not None else None

    def _callee_module(self, site: CallSite) -> str | None:
        """The module a callee comes from: `net` for `net.connect` or an imported `connect`."""
        if site.receiver is not None:
            module = module_of(self.model, site.receiver)
        else:
            imported = imported_name(self.model.resolve(site.callee))
            module = imported[0] if imported is not None else None
        return bare_module(module) if module is not None else None

    def _param_origin(self, binding: Binding, depth: int = 0) -> StreamOrigin | None:
        function = binding.scope.function
        if function is None or binding not in function.params:
            return None
        index = function.params.index(binding)
        if index == 0 and self._is_socket_handler(function):
            return StreamOrigin("socket", f"`{binding.name}`, the socket of a server connection handler", binding.node)
        if index == 1 and binding.name in RESPONSE_NAMES and self._is_request_handler(function):
            return StreamOrigin("response", f"`{binding.name}`, the response of a request handler", binding.node)
        annotated = (
            _annotated_origin(binding.node.parent, binding.name) or _destructured_annotated_origin(binding)
            or _jsdoc_origin(function, binding.name)
        )
        if annotated is not None:
            return annotated
        return self._passed_origin(function, index, depth)

    def _passed_origin(self, function: Function, index: int, depth: int) -> StreamOrigin | None:
        """A parameter of a same-file helper that every call site fills with a known stream."""
        found = None
        for call in direct_calls(self.model, function):
            origin = self.origin(call.argument(index), depth + 1)
            if origin is None:
                return None  # one caller passes something else: not a stream parameter
            found = found or StreamOrigin(origin.kind, f"{origin.reason}, passed to `{function.name}()`", origin.node)
        return found

    def _duplex_origin(self, binding: Binding) -> StreamOrigin | None:
        """A binding the file also reads as a stream (`x.pipe(…)`, `x.on('data', …)`): written, it is a duplex."""
        for reference in binding.reads:
            member = reference.node.parent
            if member is None or member.type != "member_expression" or member.child_by_field_name("object") != reference.node:
                continue
            call = member.parent
            if call is None or call.type != "call_expression":
                continue
            site = self.model.call_site(call)
            if site.method == "pipe":
                return StreamOrigin(
                    "transform", f"`{binding.name}` is piped (`.pipe()`) and written: a transform or duplex", call
                )
            if site.method in DATA_LISTENER_METHODS and syntax.string_value(site.argument(0)) == "data":
                return StreamOrigin(
                    "writable", f"`{binding.name}` emits 'data' and is written: a duplex stream (a socket)", call
                )
        return None

    def _entry_field_origin(self, node: Node) -> StreamOrigin | None:
        """`entry.out` where `entry = files[id]` and the file stores `files[k] = { out: createWriteStream() }`."""
        obj = syntax.unwrap(node.child_by_field_name("object"))
        prop = node.child_by_field_name("property")
        if node.type != "member_expression" or obj is None or obj.type != "identifier" or prop is None:
            return None
        binding = self.model.resolve(obj)
        init = syntax.unwrap(binding.init) if binding is not None else None
        collection = None
        if init is not None and init.type == "subscript_expression":
            collection = syntax.unwrap(init.child_by_field_name("object"))
        elif init is not None and init.type == "call_expression":
            site = self.model.call_site(init)
            collection = syntax.unwrap(site.receiver) if site.method == "get" else None
        if collection is None or collection.type != "identifier":
            return None
        owner = self.model.resolve(collection)
        if owner is None:
            return None
        name = syntax.text(prop)
        for reference in owner.reads:
            for entry in _entries_stored(self.model, reference.node):
                value = _object_property(entry, name)
                found = self.creation(value)
                if found is not None:
                    return found
        return None

    def _request_member(self, node: Node) -> StreamOrigin | None:
        """`reply.raw` (fastify) and `ctx.res` (koa): the Node response behind a framework object."""
        if node.type != "member_expression":
            return None
        obj = syntax.unwrap(node.child_by_field_name("object"))
        prop = node.child_by_field_name("property")
        if obj is None or obj.type != "identifier" or prop is None:
            return None
        binding = self.model.resolve(obj)
        if binding is None or binding.kind != "param":
            return None
        function = binding.scope.function
        if function is None or binding not in function.params or not self._is_request_handler(function):
            return None
        index = function.params.index(binding)
        wanted = {1: "raw", 0: "res"}.get(index)
        if syntax.text(prop) != wanted:
            return None
        return StreamOrigin("response", f"`{syntax.text(node)}`, the response of a request handler", binding.node)

    def _is_request_handler(self, function: Function) -> bool:
        return self.model.frequency(function).handler is HandlerKind.REQUEST

    def _is_socket_handler(self, function: Function) -> bool:
        """Passed to `net/tls.createServer(…)`, or a 'connection' listener on a server."""
        context = function.context
        if not context or context[0] != "argument":
            return False
        site = self.model.call_site(context[1])
        if site.is_new:
            return False
        if (site.method or site.name) == "createServer":
            return self._callee_module(site) in NET_MODULES
        if site.method in DATA_LISTENER_METHODS and context[2] == 1:
            event = syntax.string_value(site.argument(0))
            return event in SOCKET_EVENTS and self._is_server(site.receiver)
        return False

    def _is_server(self, node: Node | None) -> bool:
        """A server object: `net.createServer()` and friends, directly or through a binding."""
        node = syntax.unwrap(node)
        if node is not None and node.type == "identifier":
            binding = self.model.resolve(node)
            node = syntax.unwrap(binding.init) if binding is not None else None
        if node is None:
            return False
        if node.type == "call_expression":
            site = self.model.call_site(node)
            if (site.method or site.name) in ("createServer", "createSecureServer"):
                return self._callee_module(site) in SERVER_MODULES
            return False
        if node.type == "new_expression":
            callee = self.model.call_site(node).callee
            if callee is not None and callee.type == "member_expression":
                prop = callee.child_by_field_name("property")
                module = module_of(self.model, callee.child_by_field_name("object"))
                if prop is None or syntax.text(prop) != "Server" or module is None:
                    return False
                return bare_module(module) in SERVER_MODULES
        return False

    def assigned(self) -> dict[AccessPath, list[Node]]:
        """Values assigned to each member path in the file (`this.out = …`, class fields)."""
        if self._assigned is None:
            assigned: dict[AccessPath, list[Node]] = {}
            for node in self.model.nodes("assign"):
                left = syntax.unwrap(node.child_by_field_name("left"))
                if left is None or left.type not in ("member_expression", "subscript_expression"):
                    continue
                path = self.model.access_path(left)
                if path is not None:
                    assigned.setdefault(path, []).append(node.child_by_field_name("right"))
            for info in self.model.classes:
                owner = ("this", info.node.start_byte)
                for name, values in info.instance_fields.items():
                    assigned.setdefault((owner, name), []).extend(v for v in values if v is not None)
            self._assigned = assigned
        return self._assigned

    # -- does the write repeat? ---------------------------------------------------

    def context(self, site: CallSite, origin: StreamOrigin, depth: int = 0) -> WriteContext | None:
        """Why a write runs many times in a row on the same stream, or None."""
        found = self._own_context(site, origin)
        if found is not None or depth >= 2 or site.function is None:
            return found
        if _within(origin.node, site.function.node):
            return None  # the helper makes a new stream on every call
        for call in calls_in_file(self.model, site.function):
            # a helper called in a loop or handler: `f()`, `this.m()`, `writer.m()` on an instance of its class
            found = self.context(call, origin, depth + 1)
            if found is not None:
                return found
        return None

    def _own_context(self, site: CallSite, origin: StreamOrigin) -> WriteContext | None:
        model = self.model
        function = site.function
        handler = _data_listener(model, function)
        if handler is not None and _same(self._key(site.receiver), self._key(handler.receiver)):
            return None  # a reply to the peer that sent the data, not data forwarded elsewhere
        loop = model.fact("loops", loop_index).loop_around(site.node)
        if loop is not None:
            if _within(origin.node, loop.body):
                return None  # a new stream each iteration
            if _is_fixed_loop(model, loop):
                return self._fixed_repeat(site, loop.label, loop.node)
            if _leaves_loop_after(site.node, loop.body) or _paced_by_timer(loop.body):
                return None  # writes once and returns, or sleeps between writes
            if loop.is_async_iteration and _same(self._key(site.receiver), self._key(syntax.unwrap(loop.iterable))):
                # `for await (const chunk of socket) socket.write(reply)`: a reply to the peer that sent the
                # chunk, paced by the reads (the 'data'-handler path exempts the same shape)
                return None
            return _loop_context(loop)
        chain = callback_chain(model, site.node)
        made_in_chain = chain is not None and origin.node.type in ("call_expression", "new_expression") and _within(
            origin.node, chain.function.node
        )  # a new stream on every round; a parameter the chain passes on is the same stream
        if chain is not None and not made_in_chain:
            # `queryNext(url)` writes each page and fetches the next from the response's callback
            return WriteContext("loop", chain.label, chain.again)
        iteration = iteration_call(model, function) or _library_iteration(model, function)
        if iteration is not None:
            label = f"a `{iteration.method}` callback"
            items = syntax.unwrap(iteration.receiver)
            if items is not None and items.type == "array":
                return self._fixed_repeat(site, label, iteration.node)
            return WriteContext("iteration", label, iteration.node)
        if function is None or _within(origin.node, function.node):
            return None
        looped = model.external.looped_call(function.name)
        if looped is not None:  # `for (const r of rows) writer.writeRow(r)` in another file
            return WriteContext("loop", f"a loop in {looped.path}:{looped.span.line}", function.node)
        callback = looped_callback(model, function)
        if callback is not None:  # `stream({ onChunk: (c) => res.write(c) })`, whose read loop calls `onChunk`
            return WriteContext("callback", f"a callback that {callback.label}", callback.call)
        if handler is not None:
            chunk = function.params[0] if function.params else None
            if chunk is None or not chunk.references:
                return None  # the chunk is not what is written: a notification, not a copy
            if _is_application_emitter(model, function, handler.receiver):
                return None  # 'data' the program emits itself (an SSE broadcast), not a readable's chunks
            return WriteContext("data", "a 'data' handler", handler.node, syntax.unwrap(handler.receiver))
        context = function.context
        if origin.is_network and context and context[0] == "argument" and context[2] == 0:
            if model.frequency(function).handler is HandlerKind.TIMER and not _stops_itself(model, function):
                if site.arguments and all(_is_constant_text(a) for a in site.arguments):
                    return None  # a keep-alive heartbeat: a few constant bytes per tick
                return WriteContext("interval", "a setInterval callback", context[1])
        if not origin.is_network:
            return self._event_context(site, function)
        return None

    def _event_context(self, site: CallSite, function: Function) -> WriteContext | None:
        """A listener or subscriber that copies each event's payload into a local stream (file, zlib, …)."""
        model = self.model
        registration = _event_registration(model, function)
        if registration is None:
            return None
        call, label = registration
        if _is_application_emitter(model, function, call.receiver):
            return None  # events the program emits itself
        if not _derives_from(model, site.arguments, set(function.params)):
            return None  # writes something other than the event's payload
        return WriteContext("event", label, call.node, syntax.unwrap(call.receiver))

    def _fixed_repeat(self, site: CallSite, label: str, node: Node) -> WriteContext | None:
        """A fixed number of writes repeats only when a long-lived stream gets them on every call."""
        if site.receiver is None:
            return None  # a helper's call site: the stream is the helper's, not visible here
        if not self.model.lifetime(site.receiver).is_long_lived:
            return None  # a bounded batch per stream
        frequency = self.model.frequency(site.function)
        if not frequency.runs_repeatedly:
            return None
        return WriteContext("loop", f"{label} run {frequency.phrase}", node)

    # -- is backpressure handled anyway? -----------------------------------------

    def mitigation(self, site: CallSite, context: WriteContext) -> Node | None:
        """A 'drain' wait, a pause() of the source or a pipe/pipeline that involves the stream or the source."""
        handling = self.handling()
        receiver = self._key(site.receiver)
        for node, key in handling["drain"] + handling["pipe"]:
            if _same(receiver, key) and not (context.kind in ("data", "event") and _one_shot_wait_in(node, site)):
                return node
        if context.source is not None:
            source = self._key(context.source)
            for node, key in handling["pause"] + handling["pipe"]:
                if _same(source, key):
                    return node
        function = site.function
        # In a listener, waiting for 'drain' through a helper does not stop the next chunk.
        words = _BUFFER_WORDS if context.kind in ("data", "event") else _BACKPRESSURE_WORDS
        while function is not None:
            if words.search(function.node.text or b""):
                return function.node  # checks the buffer or waits through a drain helper
            if iteration_call(self.model, function) is None:
                break
            function = function.parent
        return None

    def handling(self) -> dict[str, list[tuple[Node, tuple | None]]]:
        """Every 'drain' wait, pause() and pipe/pipeline in the file, keyed by the stream they involve."""
        if self._handling is None:
            model = self.model
            drains, pauses, pipes = [], [], []
            for site in model.method_calls(*WAIT_METHODS):
                if syntax.string_value(site.argument(0)) in DRAIN_EVENTS:
                    drains.append((site.node, self._key(site.receiver)))
                elif site.method == "once" and syntax.string_value(site.argument(1)) == "drain":
                    drains.append((site.node, self._key(site.argument(0))))  # events.once(stream, 'drain')
            for site in model.function_calls("once", "on"):
                if syntax.string_value(site.argument(1)) == "drain":
                    drains.append((site.node, self._key(site.argument(0))))
            for site in model.method_calls("pause"):
                pauses.append((site.node, self._key(site.receiver)))
            for site in model.method_calls("pipe", "pipeTo", "pipeThrough", "unpipe"):
                # `a.pipe(b)` paces what `a` reads into `b`; writes into `a` by hand are not paced by it.
                pauses.append((site.node, self._key(site.receiver)))
                pipes.append((site.node, self._key(site.argument(0))))
            for site in (*model.function_calls("pipeline", "pump"), *model.method_calls("pipeline")):
                for argument in site.arguments:
                    pipes.append((site.node, self._key(argument)))
            self._handling = {"drain": drains, "pause": pauses, "pipe": pipes}
        return self._handling

    def _key(self, node: Node | None) -> tuple | None:
        """How to recognise the same stream elsewhere: its binding or path, and its last name."""
        node = syntax.unwrap(node)
        while node is not None and node.type == "call_expression":
            callee = syntax.unwrap(node.child_by_field_name("function"))
            if callee is None or callee.type != "member_expression":
                return None
            prop = callee.child_by_field_name("property")
            if prop is None or syntax.text(prop) not in CHAINING_METHODS:
                return None
            node = syntax.unwrap(callee.child_by_field_name("object"))  # `s.on('error', f).on('drain', g)`
        if node is None:
            return None
        if node.type == "identifier":
            binding = self.model.resolve(node)
            return (binding if binding is not None else ("global", syntax.text(node)), None)
        if node.type in ("member_expression", "subscript_expression"):
            path = self.model.access_path(node)
            prop = node.child_by_field_name("property") or node.child_by_field_name("index")
            return (path, syntax.text(prop) if prop is not None else None)
        return None


# `x.socket`, `this.connector.dataSocket`: a property named for a network connection.
_SOCKET_PROPERTY = re.compile(r"^_?(?:socket|[a-z]\w*Socket)$")


def connection_property(model: FileModel, node: Node | None) -> StreamOrigin | None:
    """`this.connector.socket`, `client.socket`: a connection reached through a property of `this` or a parameter.

    Named `socket` (or `…Socket`) and reached from the object a handler works
    for (its `this`, or a parameter that wraps the client), it is the
    connection that object talks to, the same one on every call: a network
    stream whose peer can stop reading.  Inferred from the name; a socket
    the file makes is found by ``creation`` instead, and a property written
    in the file with something else is not read by this.
    """
    node = syntax.unwrap(node)
    if node is None or node.type != "member_expression":
        return None
    prop = node.child_by_field_name("property")
    if prop is None or not _SOCKET_PROPERTY.match(syntax.text(prop)):
        return None
    root = syntax.unwrap(node.child_by_field_name("object"))
    while root is not None and root.type == "member_expression":
        root = syntax.unwrap(root.child_by_field_name("object"))
    if root is None:
        return None
    if root.type == "identifier":
        binding = model.resolve(root)
        if binding is None or binding.kind != "param":
            return None
        shown = binding.node  # the parameter: outside the callbacks that write
    elif root.type == "this":
        owner = model.function_at(root)
        while owner is not None and owner.node.type == "arrow_function":
            owner = owner.parent
        if owner is None:
            return None
        shown = owner.node  # the function whose `this` it is
    else:
        return None
    return StreamOrigin(
        "connection",
        f"`{' '.join(syntax.text(node).split())}`, a connection socket reached through a property (inferred from its name)",
        shown,
        inferred=True,
    )


def _same(a: tuple | None, b: tuple | None) -> bool:
    """The same stream: the same binding or path, or (loosely) the same last name (`this.out`, `self.out`)."""
    if a is None or b is None:
        return False
    first_a, name_a = a
    first_b, name_b = b
    if first_a is not None and first_a == first_b:
        return True
    return name_a is not None and name_a == name_b


def _loop_context(loop: Loop) -> WriteContext:
    if loop.is_async_iteration:
        return WriteContext("async-iteration", loop.label, loop.node, syntax.unwrap(loop.iterable))
    return WriteContext("loop", loop.label, loop.node)


def _is_fixed_loop(model: FileModel, loop: Loop) -> bool:
    """`for (const x of ['a', 'b'])` or `for (let i = 0; i < 5; i++)`: a number of rounds fixed in the code."""
    iterable = syntax.unwrap(loop.iterable)
    if iterable is not None:
        return iterable.type == "array"
    if loop.node.type != "for_statement":
        return False
    condition = loop.node.child_by_field_name("condition")
    if condition is not None and condition.type == "expression_statement" and condition.named_children:
        condition = condition.named_children[0]
    condition = syntax.unwrap(condition)
    if condition is None or condition.type != "binary_expression":
        return False
    operator = condition.child_by_field_name("operator")
    if operator is None or operator.type not in ("<", "<="):
        return False
    return _is_constant_number(model, condition.child_by_field_name("right"))


def _is_constant_number(model: FileModel, node: Node | None) -> bool:
    node = syntax.unwrap(node)
    if node is None:
        return False
    if node.type == "number":
        return True
    if node.type == "identifier":
        binding = model.resolve(node)
        init = syntax.unwrap(binding.init) if binding is not None and binding.kind == "const" else None
        return init is not None and init.type == "number"
    return False


@dataclass(frozen=True)
class _DataListener:
    node: Node  # the `.on('data', …)` call
    receiver: Node | None


def _data_listener(model: FileModel, function: Function | None) -> _DataListener | None:
    """The `src.on('data', fn)` registration of a function, or of the function a forEach callback is in."""
    while function is not None:
        passed = _passed_as_argument(model, function)
        if passed is not None and passed[1] == 1:
            site = passed[0]
            if site.method in DATA_LISTENER_METHODS and syntax.string_value(site.argument(0)) == "data":
                return _DataListener(site.node, site.receiver)
        if iteration_call(model, function) is None:
            return None
        function = function.parent
    return None


def _passed_as_argument(model: FileModel, function: Function) -> tuple[CallSite, int] | None:
    """The call a function is an argument of, also through `(holder.fn = function …)` wrappers."""
    context = function.context
    if context and context[0] == "argument":
        return model.call_site(context[1]), context[2]
    node = function.node
    parent = node.parent
    while parent is not None and (
        parent.type == "parenthesized_expression"
        or (parent.type == "assignment_expression" and parent.child_by_field_name("right") == node)
    ):
        node, parent = parent, parent.parent
    if node is function.node or parent is None or parent.type != "arguments" or parent.parent is None:
        return None
    site = model.call_site(parent.parent)
    index = site.index_of(node)
    return (site, index) if index >= 0 else None


def _event_registration(model: FileModel, function: Function) -> tuple[CallSite, str] | None:
    """The `.on('event', fn)` / `.subscribe(fn)` call that runs a function per event, also for `.on(e, make(x))`."""
    passed = _passed_as_argument(model, function)
    if passed is not None:
        return _listener_label(*passed)
    context = function.context
    factory = function.parent
    if not context or context[0] != "returned" or factory is None:
        return None
    for call in direct_calls(model, factory):
        arguments = call.node.parent
        if arguments is not None and arguments.type == "arguments" and arguments.parent is not None:
            site = model.call_site(arguments.parent)
            found = _listener_label(site, site.index_of(call.node))
            if found is not None:
                return found
    return None


def _listener_label(site: CallSite, index: int) -> tuple[CallSite, str] | None:
    """A registration that calls its callback once per event other than 'data' and lifecycle events."""
    if site.is_new:
        return None
    if site.method in DATA_LISTENER_METHODS and index == 1:
        event = syntax.string_value(site.argument(0))
        if event is None or event == "data" or event in _LIFECYCLE_EVENTS:
            return None
        return site, f"a '{event}' listener"
    if site.method in SUBSCRIBE_METHODS and index == 0:
        return site, f"a `{site.method}()` callback"
    return None


def _derives_from(model: FileModel, nodes: list[Node], params: set[Binding], depth: int = 0) -> bool:
    """Whether an expression reads one of the parameters, directly or through local variables built from them."""
    if depth > 3:
        return False
    for node in nodes:
        for child in syntax.walk(node):
            if child.type != "identifier":
                continue
            binding = model.resolve(child)
            if binding is None:
                continue
            if binding in params:
                return True
            if binding.kind in ("const", "let", "var") and binding.init is not None and binding.init is not node:
                if _derives_from(model, [binding.init], params, depth + 1):
                    return True
    return False


def _library_iteration(model: FileModel, function: Function | None) -> CallSite | None:
    """`_.each(items, fn)` / `async.eachSeries(items, fn)`: a callback run once per item."""
    if function is None or not function.context or function.context[0] != "argument" or function.context[2] != 1:
        return None
    site = model.call_site(function.context[1])
    receiver = syntax.unwrap(site.receiver)
    if site.method in _LIBRARY_ITERATION and receiver is not None and syntax.text(receiver) in _LIBRARY_ITERATION_OWNERS:
        return site
    return None


def _is_application_emitter(model: FileModel, function: Function | None, receiver: Node | None) -> bool:
    """`this` of a class that extends EventEmitter, or a `new EventEmitter()`: events the program emits itself."""
    receiver = syntax.unwrap(receiver)
    if receiver is None:
        return False
    if receiver.type == "this":
        while function is not None and function.class_info is None and function.node.type == "arrow_function":
            function = function.parent  # an arrow sees the `this` of the method around it
        info = function.class_info if function is not None else None
        heritage = re.match(r"\s*(?:extends\s+)?([\w.$]+)", info.superclass or "") if info is not None else None
        return heritage is not None and heritage.group(1).rsplit(".", 1)[-1] in _EMITTER_CLASSES
    if receiver.type == "identifier":
        binding = model.resolve(receiver)
        init = syntax.unwrap(binding.init) if binding is not None else None
        if init is not None and init.type == "new_expression":
            callee = syntax.unwrap(init.child_by_field_name("constructor"))
            return callee is not None and syntax.text(callee).rsplit(".", 1)[-1] in _EMITTER_CLASSES
    return False


def _is_constant_text(node: Node | None) -> bool:
    """A string literal, or a template without substitutions: the same few bytes every time."""
    node = syntax.unwrap(node)
    if node is None:
        return False
    if node.type == "string":
        return True
    return node.type == "template_string" and not any(c.type == "template_substitution" for c in node.children)


def _leaves_loop_after(write: Node, body: Node | None) -> bool:
    """`socket.write(reply); return;` inside the loop: the loop writes at most once."""
    if body is None:
        return False
    node = write
    while node is not None and node != body:
        parent = node.parent
        if parent is not None and parent.type == "statement_block":
            later = [c for c in parent.named_children if c.start_byte > node.start_byte]
            if any(c.type in ("return_statement", "break_statement", "throw_statement") for c in later):
                return True
        node = parent
    return False


_TIMER_WAIT = re.compile(r"\bawait\b[^;\n]*\b(setTimeout|sleep|delay|wait|setImmediate)\b")


def _paced_by_timer(body: Node | None) -> bool:
    """`await sleep(ms)` / `await new Promise(r => setTimeout(r, ms))` in the loop body: a trickle, not a flood."""
    return body is not None and _TIMER_WAIT.search(syntax.text(body)) is not None


def _stops_itself(model: FileModel, callback: Function) -> bool:
    """An interval whose own callback clears it: a countdown of a few ticks, not a feed."""
    for interval in model.fact("timers", timer_index).intervals:
        if interval.callback_function is callback:
            return any(callback.contains(clear.site.node) for clear in interval.clears)
    return False


def _within(node: Node | None, container: Node) -> bool:
    return node is not None and container.start_byte <= node.start_byte < container.end_byte


# -- is the result looked at? -------------------------------------------------------


def _result_ignored(model: FileModel, site: CallSite, flowing: bool = False) -> tuple[bool, Node | None]:
    """Whether `write()`'s return is dropped (or only logged), and the check that only logs it.

    In a listener (``flowing``) waiting for 'drain' or returning early does not stop the next event.
    """
    node = site.node
    while True:
        parent = node.parent
        if parent is None:
            return True, None
        kind = parent.type
        if kind in ("parenthesized_expression", "sequence_expression"):
            node = parent
            continue
        if kind == "unary_expression" and syntax.text(parent).startswith("void"):
            node = parent
            continue
        if kind == "binary_expression" and parent.child_by_field_name("right") == node:
            operator = parent.child_by_field_name("operator")
            if operator is not None and operator.type in ("&&", "||", "??"):
                node = parent
                continue
        break
    if kind == "expression_statement":
        return True, None
    if kind == "arrow_function":
        return _returned_to_emitter(model, parent) or _returned_to_dropping_loop(model, site), None
    if kind == "return_statement":
        return _returned_to_dropping_loop(model, site), None
    if kind == "variable_declarator":
        name = parent.child_by_field_name("name")
        binding = model.scopes.binding_at.get(name.start_byte) if name is not None else None
        if binding is None:
            return False, None
        reads = binding.reads
        if not reads:
            return True, None
        for reference in reads:
            statement = _condition_owner(reference.node)
            if statement is None and _is_returned(reference.node) and _returned_to_dropping_loop(model, site):
                continue  # `const ok = s.write(x); return ok;` to a caller whose loop drops it
            if statement is None or _acts(statement, flowing):
                return False, None
        return True, next((s for s in map(_condition_owner, (r.node for r in reads)) if s is not None), None)
    statement = _condition_owner(node)
    if statement is not None and not _acts(statement, flowing):
        return True, statement
    return False, None


def _is_returned(node: Node) -> bool:
    parent = node.parent
    return parent is not None and parent.type == "return_statement"


def _returned_to_dropping_loop(model: FileModel, site: CallSite) -> bool:
    """The write's boolean is returned by a function another file calls in a loop as a statement (the link's
    ``looped_results_dropped``: `for (…) encoder.writeFrame(buf)`), so no caller ever looks at it."""
    function = site.function
    if function is None or model.function_at(site.node) is not function:
        return False
    return model.external.looped_result_dropped(function.name)


def _returned_to_emitter(model: FileModel, arrow: Node) -> bool:
    """`chunk => out.write(chunk)` as a listener or forEach callback: the emitter drops the result."""
    function = model.function_of(arrow)
    if function is None or not function.context or function.context[0] != "argument":
        return False
    site = model.call_site(function.context[1])
    return site.method in RESULT_DROPPING_METHODS or site.name in RESULT_DROPPING_FUNCTIONS


def _condition_owner(node: Node) -> Node | None:
    """The if statement whose condition a node is part of (through `!`, `===`, parentheses)."""
    while True:
        parent = node.parent
        if parent is None:
            return None
        if parent.type in ("parenthesized_expression", "unary_expression", "binary_expression"):
            node = parent
            continue
        if parent.type == "if_statement" and parent.child_by_field_name("condition") == node:
            return parent
        return None


def _acts(statement: Node, flowing: bool = False) -> bool:
    """An if statement whose branches do more than log: wait, return, break, pause, set a flag …

    ``flowing``: the write is in a listener, where returning or waiting for 'drain' is not acting.
    """
    for branch in (statement.child_by_field_name("consequence"), statement.child_by_field_name("alternative")):
        if branch is None:
            continue
        for child in syntax.walk(branch):
            kind = child.type
            if flowing and (kind in ("return_statement", "await_expression") or _registers_drain(child)):
                continue
            if kind in ("return_statement", "break_statement", "continue_statement", "throw_statement",
                        "await_expression", "yield_expression", "assignment_expression",
                        "augmented_assignment_expression", "update_expression"):
                return True
            if kind == "call_expression":
                callee = child.child_by_field_name("function")
                if callee is not None and not _LOGGING.match(syntax.text(callee)):
                    return True
    return False


def _one_shot_wait_in(wait: Node, site: CallSite) -> bool:
    """A `once('drain')` made by the listener itself: the listener has already let the next chunk in."""
    function = site.function
    if function is None or not function.contains(wait):
        return False
    return "once" in syntax.text(wait.child_by_field_name("function") or wait)


def _registers_drain(node: Node) -> bool:
    """`out.once('drain', f)` / `once(out, 'drain')`: a wait for 'drain', which alone pauses nothing."""
    if node.type != "call_expression":
        return False
    arguments = node.child_by_field_name("arguments")
    values = [syntax.string_value(a) for a in (arguments.named_children[:2] if arguments is not None else [])]
    return "drain" in values


# -- where a stream comes from, beyond a visible creation ------------------------------------


def _annotated_origin(declaration: Node | None, name: str) -> StreamOrigin | None:
    """A parameter or class field whose TypeScript type names a writable stream (`res: ServerResponse`)."""
    if declaration is None or declaration.type not in (
        "required_parameter", "optional_parameter", "public_field_definition", "field_definition", "property_signature"
    ):
        return None
    annotation = next((c for c in declaration.children if c.type == "type_annotation"), None)
    match = _WRITABLE_TYPE.search(syntax.text(annotation)) if annotation is not None else None
    if match is None:
        return None
    type_name = match.group(1)
    kind = {"Response": "response", "ServerResponse": "response", "Socket": "socket", "ClientRequest": "request",
            "OutgoingMessage": "response", "WriteStream": "file"}.get(type_name, "writable")
    return StreamOrigin(kind, f"`{name}` is annotated `{type_name}`", declaration)


# JSDoc `@param {stream.Writable} out` / `@param {fs.WriteStream} [out]` on the function that takes `out`.
_JSDOC_PARAM = re.compile(r"@param\s+\{\s*([^}]*?)\s*\}\s+\[?\s*([A-Za-z_$][\w$]*)")
_JSDOC_WRITABLE = re.compile(
    r"^(?:[\w$]+\.)?(Writable|WriteStream|WritableStream|Duplex|Transform|PassThrough|ServerResponse|Socket|"
    r"ClientRequest|OutgoingMessage)$"
)


def _jsdoc_origin(function: Function, name: str) -> StreamOrigin | None:
    """A parameter whose JSDoc `@param {Type}` names a writable stream (plain JavaScript's annotation).

    The doc comment is the one just before the function, or before what holds
    it (`key: function (…)`, `const f = function (…)`, `export function f`).
    A fetch `Response` is not taken: in JSDoc it usually is the fetch one.
    """
    node = function.node
    comment = None
    for _ in range(4):
        previous = node.prev_named_sibling
        if previous is not None and previous.type == "comment":
            comment = previous
            break
        parent = node.parent
        if parent is None or parent.type in ("program", "statement_block", "class_body", "object"):
            break
        node = parent
    text = syntax.text(comment) if comment is not None else ""
    if not text.startswith("/**"):
        return None
    for type_text, param in _JSDOC_PARAM.findall(text):
        if param != name:
            continue
        match = _JSDOC_WRITABLE.match(type_text)
        if match is None:
            return None
        type_name = match.group(1)
        kind = {"ServerResponse": "response", "Socket": "socket", "ClientRequest": "request",
                "OutgoingMessage": "response", "WriteStream": "file"}.get(type_name, "writable")
        return StreamOrigin(kind, f"`{name}` is documented `@param {{{type_text}}}`", comment)
    return None


def _destructured_annotated_origin(binding: Binding) -> StreamOrigin | None:
    """`({ response }: { response: ServerResponse; … })`: a destructured field whose inline type names a stream."""
    pattern = binding.node.parent
    key = binding.name
    if pattern is not None and pattern.type == "pair_pattern":
        name = pattern.child_by_field_name("key")
        key = syntax.string_value(name) or syntax.text(name) if name is not None else key
        pattern = pattern.parent
    elif pattern is not None and pattern.type == "object_assignment_pattern":  # `{ response = fallback }`
        pattern = pattern.parent
    parameter = pattern.parent if pattern is not None and pattern.type == "object_pattern" else None
    if parameter is None or parameter.type not in ("required_parameter", "optional_parameter"):
        return None
    annotation = next((c for c in parameter.children if c.type == "type_annotation"), None)
    shape = next((c for c in annotation.named_children if c.type == "object_type"), None) if annotation else None
    if shape is None:
        return None
    for member in shape.named_children:
        name = member.child_by_field_name("name") if member.type == "property_signature" else None
        if name is not None and syntax.text(name) == key:
            return _annotated_origin(member, binding.name)
    return None


def _entries_stored(model: FileModel, collection: Node) -> list[Node]:
    """Object literals stored into a collection reference: `c[k] = {…}` or `c.set(k, {…})`."""
    parent = collection.parent
    values: list[Node | None] = []
    if parent is None:
        return []
    if parent.type == "subscript_expression" and parent.child_by_field_name("object") == collection:
        assignment = parent.parent
        if assignment is not None and assignment.type == "assignment_expression" and assignment.child_by_field_name(
            "left"
        ) == parent:
            values.append(assignment.child_by_field_name("right"))
    elif parent.type == "member_expression" and parent.child_by_field_name("object") == collection:
        call = parent.parent
        if call is not None and call.type == "call_expression":
            site = model.call_site(call)
            if site.method == "set":
                values.append(site.argument(1))
    return [v for v in (syntax.unwrap(v) for v in values) if v is not None and v.type == "object"]


def _object_property(obj: Node, name: str) -> Node | None:
    """The value of `name: value` in an object literal."""
    for child in obj.named_children:
        if child.type == "pair":
            key = child.child_by_field_name("key")
            if key is not None and syntax.text(key).strip("'\"") == name:
                return child.child_by_field_name("value")
    return None


def stream_finder(model: FileModel) -> _Finder:
    """The file's stream lookups (where a stream comes from, how to recognise it), shared by stream facts."""
    return model.fact("stream-finder", _Finder)


def stream_origin(model: FileModel, node: Node | None) -> StreamOrigin | None:
    """Why an expression is a writable stream (a file, a connection, a response …), or None."""
    return stream_finder(model).origin(node) if node is not None else None


def stream_key(model: FileModel, node: Node | None) -> tuple | None:
    """How to recognise the same stream elsewhere in the file (its binding or access path)."""
    return stream_finder(model)._key(node)
