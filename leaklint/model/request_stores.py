"""Request objects stored themselves in a collection that outlives the request.

`clients.push({ req, res })`, `waiters.set(id, res)`, `sockets[id] = socket`:
the handler files the request, response or connection object under a new
entry of a collection that lives longer than one call of the handler (a
module-level or outer binding, or a field of the instance whose method the
handler is). The entry keeps the socket, headers and buffers reachable until
something takes it out, so the fact also asks whether the file takes it out
when the request or connection ends:

- a removal (`delete c[k]`, `c.delete(k)`, `c.splice`, `c = c.filter(…)`,
  `c.length = 0`) inside the handler itself (often in its `'close'` listener);
- a removal in a listener for a closing event (`'close'`, `'end'`,
  `'disconnect'`, `'finish'`, `'error'`, …), or in a function such a listener
  calls (by name, `this.m()` or `this.m.bind(…)`); not one in the listener
  itself that an early `return` on a test of something other than the
  listener's parameters skips (``early_returns``: `if (!game) return;`);
- a removal in a function whose name says it cleans up (`onClose`,
  `removeClient`, `cleanup`, `unsubscribe`, …), since its caller may be in
  another file;
- a removal guarded by a check of the connection's state (`destroyed`,
  `closed`, `aborted`, `readyState`, …): a sweep that drops dead entries.

A removal reached only when the server shuts down (``eviction_reach.shutdown_only``:
from its `shutdown()`/`close()`/`stop()`, or behind a flag only those set) does
not count, whatever its name; nor does one in a `'close'`/`'end'` listener on a
Socket.IO socket (``socket_io``), which never emits them.

A sweep that only drops entries whose response `finished` does not count:
a response whose client went away never finishes. Nor does a removal only in
a `'finish'` listener (``finish_only``): a writable emits `'finish'` when the
server ends it, never when the client goes away first (that is `'close'`), so
every client that leaves on its own stays.

The object may also be stored by a same-file helper it is passed to (when the
helper's collection, or the argument its collection hangs off, outlives the
handler), or wrapped first (`new Conn(socket)`, `const maConn = toConnection(s)`).

A parameter of a function bound to the request object (`this._onMessage.bind(this,
socket)` registered per connection) holds that object too.

Shared through ``model.fact("request_stores", request_stores)``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import SERVER_FACTORIES, HandlerKind, classify_registration
from leaklint.model.frequency import _from_registration as frequency_of_registration
from leaklint.model.escapes import REMOVAL_METHODS, Use, UseKind, escape_analysis
from leaklint.model.early_returns import return_before_removals
from leaklint.model.linked_removals import linked_removal_calls
from leaklint.model.eviction_reach import deleted_under_other_key, removes_nothing, shutdown_only
from leaklint.model.socket_io import NEVER_EMITTED, in_silent_listener, is_socket_io_socket
from leaklint.model.requests import REQUEST_OBJECT_NAMES, RequestObject, request_objects
from leaklint.model.scopes import Binding, Function
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

CLOSING_EVENTS = frozenset(
    {"close", "end", "finish", "disconnect", "disconnecting", "error", "abort", "aborted", "timeout", "exit",
     "unsubscribe", "leave"}
)
_CLEANUP_NAME = re.compile(
    r"(?i)(close|disconnect|remove|leave|clean|unsubscribe|unregister|destroy|detach|drop|evict|prune|expire|"
    r"dispose|teardown|release|forget|purge|untrack)"
)
_LIVENESS = re.compile(r"\.(destroyed|closed|aborted|readyState|connected|disconnected|writable|isClosed)\b")
LISTEN_METHODS = frozenset({"on", "once", "addListener", "prependListener", "prependOnceListener",
                            "addEventListener"})
_LISTEN_METHODS = LISTEN_METHODS
_MAX_CALL_HOPS = 2
# Test lifecycle hooks: what they empty is emptied between tests, so a test server's list is bounded.
_TEST_HOOKS = frozenset({"beforeEach", "afterEach", "before", "after", "beforeAll", "afterAll", "setup", "teardown"})
_CONNECTION_EVENTS = frozenset({"connection", "secureConnection", "session", "stream", "upgrade"})
# A local whose name ends in one of these nouns (`maConn`, `wsClient`, `wrapped_socket`) stands for a connection.
_WRAPPER_NOUNS = frozenset({"conn", "connection", "socket", "sock", "client", "session", "peer", "channel", "req",
                            "request", "res", "response", "ws", "wrapper"})
_NAME_SEGMENTS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
_NOT_WRAPPING_METHODS = frozenset({"push", "unshift", "add", "set", "splice", "concat", "emit", "call", "apply",
                                   "bind", "log", "info", "warn", "error", "debug", "send", "write", "end"})


def _may_name_request(parameter: Binding) -> bool:
    """Named like a request object, or typed/decorated (TypeScript), so `RequestObjects.of` may say yes."""
    if parameter.name in REQUEST_OBJECT_NAMES:
        return True
    declaration = parameter.declaration  # not `node.parent`, which tree-sitter finds by descending from the root
    if declaration is None:
        return False
    if declaration.type in ("required_parameter", "optional_parameter"):
        return True
    text = declaration.text or b"" if declaration.type == "formal_parameters" else b""
    return b":" in text or b"@" in text  # a type annotation or a decorator somewhere in the list


def _names_connection(name: str) -> bool:
    """`maConn`, `wsClient`, `wrapped_socket`: the last word of the name is a request or connection noun."""
    words = _NAME_SEGMENTS.findall(name)
    return bool(words) and words[-1].lower() in _WRAPPER_NOUNS


@dataclass(frozen=True)
class RequestStore:
    """A request object put, itself, into a new entry of a collection that outlives the handler."""

    origin: RequestObject
    reference: Node  # the read of the request object that is stored
    use: Use  # the store (push/add/set/`c[k] =`)
    collection: Node  # the collection the entry is added to (`clients`, `this._sockets`)
    holder: str  # why the collection outlives the handler, for messages
    wrapper: Node | None = None  # `new Connection(this, ws)`, stored in the object's place and keeping it


def request_stores(model: FileModel) -> list[RequestStore]:
    """Every stored request object that nothing in the file removes when the request ends."""
    finder = model.fact("request_store_finder", _Finder)
    found = []
    for origin in finder.request_parameters():
        if origin.frequency.is_inferred and not _connect_option(origin.handler):
            continue  # a handler guessed from a parameter name (`end(ctx)`) is too weak for a store of the object
        for reference in origin.binding.reads:
            uses = finder.escapes.value_uses(reference.node)
            direct = _direct_store(model, reference.node)
            if direct is not None and not any(u.node == direct.node for u in uses):
                uses = [*uses, direct]  # into a container of an outer function, which escapes treats as local
            for use in uses:
                store = finder.store(origin, reference.node, use)
                if store is not None and not finder.removed(store):
                    found.append(store)
            made = _made_from(model, reference.node)
            for use in finder.escapes.value_uses(made) if made is not None else ():
                store = finder.store(origin, made, use)  # `conns.push(new Connection(this, ws))`
                if store is not None and not finder.removed(store):
                    found.append(dataclasses.replace(store, wrapper=made))
    return found


# Constructors that do not keep what they are given, or keep it only weakly.
_NOT_KEEPING_CONSTRUCTORS = frozenset({"Promise", "Error", "TypeError", "RangeError", "URL", "URLSearchParams", "Date",
                                       "WeakRef", "WeakMap", "WeakSet", "Response", "Headers", "Request", "Blob"})


def _made_from(model: FileModel, reference: Node) -> Node | None:
    """The `new C(…, ws, …)` that ``reference`` is a direct argument of, when it is not given a name.

    A constructor keeps what it is given (``_Finder._wrappers`` reads a named one the same way), so
    filing the new object in a collection files the connection with it.  A local that holds the new
    object is followed by ``_wrappers``; here only the expression used in place.
    """
    arguments = reference.parent
    call = arguments.parent if arguments is not None and arguments.type == "arguments" else None
    if call is None or call.type != "new_expression":
        return None
    constructor = call.child_by_field_name("constructor")
    name = syntax.text(constructor).rsplit(".", 1)[-1] if constructor is not None else ""
    if not name or name in _NOT_KEEPING_CONSTRUCTORS:
        return None
    parent = call.parent
    if parent is not None and parent.type in ("variable_declarator", "assignment_expression"):
        return None  # named: ``_wrappers`` follows the local, and an outer binding is a store of its own
    return call


def _connect_option(function: Function) -> bool:
    """`{ onClientConnect(client) {…} }` given to a call: the callee calls it with each peer that connects."""
    context = function.context
    return bool(context) and context[0] == "option"


_CARRIER_KINDS = frozenset({"parenthesized_expression", "object", "array", "pair", "as_expression",
                            "non_null_expression"})
_ADDERS = {"push": ("pushed into", 0), "unshift": ("pushed into", 0), "add": ("added to", 0), "set": ("set in", 1)}


def _direct_store(model: FileModel, reference: Node) -> Use | None:
    """`c[k] = x`, `c.push({ x })`, `c.add(x)`, `c.set(k, x)` with the value (or a literal holding it) stored."""
    node, parent = reference, reference.parent
    while parent is not None and parent.type in _CARRIER_KINDS:
        if parent.type == "pair" and parent.child_by_field_name("value") != node:
            return None
        node, parent = parent, parent.parent
    if parent is None:
        return None
    if parent.type == "assignment_expression" and parent.child_by_field_name("right") == node:
        left = syntax.unwrap(parent.child_by_field_name("left"))
        if left is None or left.type != "subscript_expression":
            return None
        index = syntax.unwrap(left.child_by_field_name("index"))
        grows = index is not None and index.type != "number" and syntax.string_value(index) is None
        return Use(UseKind.STORED, parent, left, None, "stored in", grows=grows)
    site = model.call_passing(node)
    if site is not None:
        adder = _ADDERS.get(site.method or "")
        if adder is None or site.receiver is None or site.index_of(node) != adder[1]:
            return None
        if model.fact("escapes", escape_analysis)._callee_function(site) is not None:
            return None  # `hub.add(ws)` runs a same-file method: what it does is followed through the helper
        key = site.argument(0) if site.method == "set" else None
        grows = key is None or (key.type != "number" and syntax.string_value(key) is None)
        return Use(UseKind.STORED, site.node, site.receiver, None, adder[0], grows=grows,
                   weak=_is_weak_container(model, site.receiver))
    return None


def _is_weak_container(model: FileModel, receiver: Node) -> bool:
    receiver = syntax.unwrap(receiver)
    binding = model.resolve(receiver) if receiver is not None and receiver.type == "identifier" else None
    init = syntax.unwrap(binding.init) if binding is not None else None
    return init is not None and init.type == "new_expression" and syntax.text(
        init.child_by_field_name("constructor")) in ("WeakMap", "WeakSet")


def finish_removal(model: FileModel, store: RequestStore) -> Node | None:
    """The first removal from the store's collection that runs only on `'finish'`, for the finding's notes."""
    finder = model.fact("request_store_finder", _Finder)
    path = _path(model, store.collection)
    if path is None:
        return None
    return next((node for node in finder._removals(path) if finish_only(model, node) is not None), None)


def finish_only(model: FileModel, removal: Node) -> Node | None:
    """The `.on('finish', …)` registration when the removal runs only in `'finish'` listeners, else None.

    The nearest listener around the removal decides (an inline callback, or a
    declared function every mention of which registers it for `'finish'`).
    """
    function = model.function_at(removal)
    while function is not None:
        registrations = _listener_registrations(model, function)
        if registrations:
            events = {syntax.string_value(site.argument(0)) for site in registrations}
            return registrations[0].node if events == {"finish"} else None
        function = function.parent
    return None


def _listener_registrations(model: FileModel, function: Function) -> list:
    """The `.on(event, f)` calls that register ``function``; empty when it is not (only) a listener."""
    context = function.context
    if context and context[0] == "argument":
        site = model.call_site(context[1])
        if site.method in _LISTEN_METHODS and context[2] == 1 and syntax.string_value(site.argument(0)) is not None:
            return [site]
        return []
    if context and context[0] == "declared":
        binding = context[1]
        sites = []
        for reference in binding.reads:
            site = model.call_passing(reference.node)
            if site is None or site.method not in _LISTEN_METHODS or site.index_of(reference.node) != 1:
                return []
            if syntax.string_value(site.argument(0)) is None:
                return []
            sites.append(site)
        return sites
    return []


def removed_when_ended(model: FileModel, use: Use, handler: Function) -> bool:
    """Whether the entry ``use`` adds is taken out by the handler, on a closing event, or by a cleanup function.

    True (quiet) as well when the container cannot be named.
    """
    if use.target is None:
        return True
    collection = _collection_root(use.target, use.how)
    if collection is None:
        return True
    finder = model.fact("request_store_finder", _Finder)
    path = _path(model, collection)
    return path is None or finder.removed_path(path, handler)


class _Finder:
    def __init__(self, model: FileModel) -> None:
        self.model = model
        self.escapes = model.fact("escapes", escape_analysis)
        self.requests = model.fact("requests", request_objects)
        self._cleanup: list[Function] | None = None
        self._closing_listeners: list[Function] = []  # listeners for a closing event, filled with _cleanup
        self._methods: dict[str, list[Function]] | None = None
        self._call_names: tuple[list[int], list[Node]] | None = None

    # -- which bindings hold a request object ---------------------------------

    def request_parameters(self) -> list[RequestObject]:
        """Request-object parameters of handlers, and parameters of functions bound to one."""
        origins = []
        for function in self.model.functions:
            if not function.params:
                continue
            connection = self._connection_listener(function)
            server = not connection and self._server_handler(function)
            for index, parameter in enumerate(function.params):
                if index < 2 and server:
                    frequency = self.model.frequency(function)
                    if frequency.handler in (HandlerKind.REQUEST, HandlerKind.CONNECTION):
                        origins.append(RequestObject(parameter, parameter, function, frequency))  # `(stream) => …`
                        continue
                if not connection and not _may_name_request(parameter):
                    continue  # cheap test first: most functions of a bundle take no request object
                origin = self.requests.of(parameter)
                if origin is None and index == 0 and connection:
                    frequency = self.model.frequency(function)
                    if frequency.handler is HandlerKind.CONNECTION:  # `io.on('connection', (client) => …)`
                        origin = RequestObject(parameter, parameter, function, frequency)
                if origin is not None:
                    origins.append(origin)
        origins.extend(self._bound_method_handlers(origins))
        bound = []
        for origin in origins:
            bound.extend(self._bound(origin))
        wrappers = []
        for origin in origins + bound:
            made = self._wrappers(origin)
            wrappers.extend(made)
            for wrapper in made:  # `new Connection({ config: new Config({ stream: socket }) })`, one level more
                wrappers.extend(self._wrappers(wrapper))
        return origins + bound + wrappers

    def _bound_method_handlers(self, known: list[RequestObject]) -> list[RequestObject]:
        """`net.createServer(this._onConnection.bind(this))`, `server.on('connection', this.onSocket)`.

        A method handed over as the server's listener runs for every connection; its first parameter
        is the connection (or the request, for an HTTP server), whatever its name.
        """
        found = []
        # A parameter already known only from its name (`ws`, guessed per connection) is added again with
        # the registration's sure frequency: request_stores() skips a guessed one.
        seen = {id(o.binding) for o in known if not o.frequency.is_inferred}
        for site in (*self.model.method_calls(*SERVER_FACTORIES), *self.model.method_calls(*_LISTEN_METHODS)):
            if site.method in SERVER_FACTORIES:
                index = len(site.arguments) - 1
            elif syntax.string_value(site.argument(0)) in _CONNECTION_EVENTS | {"request"}:
                index = 1
            else:
                continue
            argument = site.argument(index) if index >= 0 else None
            if argument is None or argument.type in syntax.FUNCTION_KINDS:
                continue  # an inline listener: its parameters are found as handler parameters
            function = self._listener_function(argument)
            if function is None or not function.params or id(function.params[0]) in seen:
                continue
            registration = classify_registration(site, index, function, self.model.options.handler_registrations)
            if registration is None or registration.kind not in (HandlerKind.REQUEST, HandlerKind.CONNECTION):
                continue
            frequency = frequency_of_registration(registration)
            for parameter in function.params[:2 if registration.kind is HandlerKind.REQUEST else 1]:
                seen.add(id(parameter))
                found.append(RequestObject(parameter, parameter, function, frequency))
        return found

    def _server_handler(self, function: Function) -> bool:
        """Passed to `createServer(…)`: its first parameters are the request and response, whatever their names."""
        context = function.context
        if not context or context[0] != "argument":
            return False
        site = self.model.call_site(context[1])
        return (site.method or site.name) in SERVER_FACTORIES

    def _wrappers(self, origin: RequestObject) -> list[RequestObject]:
        """`const conn = toConnection(socket)`, `new Client(ws)`: a local named for a connection, made from one.

        The wrapper keeps the object it was made from, so storing it stores the request. Only a
        local whose name ends in a request or connection noun counts (`maConn`, `client`), so
        `const reqId = idOf(req)` or `const url = parse(req)`, values taken out of it, do not.
        """
        found = []
        for reference in origin.binding.reads:
            held, arguments = reference.node, reference.node.parent
            while arguments is not None and arguments.type in ("pair", "object", "shorthand_property_identifier"):
                if arguments.type == "pair" and arguments.child_by_field_name("value") != held:
                    break
                held, arguments = arguments, arguments.parent  # `new Config({ stream: socket })`
            call = arguments.parent if arguments is not None and arguments.type == "arguments" else None
            if call is None or call.type not in ("call_expression", "new_expression"):
                continue
            if held is not reference.node and call.type != "new_expression":
                continue  # `f({ req })` may read a field and return it; `new C({ req })` keeps the object
            site = self.model.call_site(call)
            if site.method in _NOT_WRAPPING_METHODS:
                continue  # `list.push(req)`, `map.set(k, req)`, `once(req, 'x')`: not a wrapper
            node, parent = call, call.parent
            while parent is not None and parent.type in ("await_expression", "parenthesized_expression"):
                node, parent = parent, parent.parent
            name = None
            if parent is not None and parent.type == "variable_declarator" and parent.child_by_field_name("value") == node:
                name = parent.child_by_field_name("name")
            elif parent is not None and parent.type == "assignment_expression" and (
                parent.child_by_field_name("right") == node
            ):
                name = syntax.unwrap(parent.child_by_field_name("left"))
            if name is None or name.type != "identifier":
                continue
            if call.type != "new_expression" and not _names_connection(syntax.text(name)):
                continue  # a constructor keeps what it is given; a plain call only when named for a connection
            binding = self.model.resolve(name)
            if binding is None or binding.kind not in ("const", "let", "var") or binding.is_module_level:
                continue
            if not origin.handler.contains(binding.node):
                continue  # assigned to an outer binding: a store LL003 reports on its own
            found.append(RequestObject(binding, origin.parameter, origin.handler, origin.frequency, wraps=True))
        return found

    def _connection_listener(self, function: Function) -> bool:
        """Passed as the listener of a `'connection'`-like event: its first parameter is the connection."""
        context = function.context
        if context and context[0] == "option":  # `io.listen(server, { onClientConnect(client) {…} })`
            return self.model.frequency(function).handler is HandlerKind.CONNECTION
        if not context or context[0] != "argument" or context[2] != 1:
            return False
        site = self.model.call_site(context[1])
        return site.method in _LISTEN_METHODS and syntax.string_value(site.argument(0)) in _CONNECTION_EVENTS

    def _bound(self, origin: RequestObject) -> list[RequestObject]:
        """`f.bind(this, socket)`: parameter i-1 of `f` is the bound request object."""
        found = []
        for reference in origin.binding.reads:
            arguments = reference.node.parent
            call = arguments.parent if arguments is not None and arguments.type == "arguments" else None
            if call is None or call.type != "call_expression":
                continue
            site = self.model.call_site(call)
            index = site.index_of(reference.node)
            if site.method != "bind" or index < 1:
                continue
            target = self._function_named(site.receiver)
            if target is None or index - 1 >= len(target.params):
                continue
            parameter = target.params[index - 1]
            found.append(RequestObject(parameter, origin.parameter, target, origin.frequency))
        return found

    def _function_named(self, node: Node | None) -> Function | None:
        """The same-file function `f` or `this.f` names (a class or prototype method)."""
        node = syntax.unwrap(node)
        if node is None:
            return None
        if node.type == "identifier":
            binding = self.model.resolve(node)
            if binding is not None and binding.kind == "function":
                return self.model.function_of(binding.declaration)
            init = syntax.unwrap(binding.init) if binding is not None else None
            return self.model.function_of(init) if init is not None and init.type in syntax.FUNCTION_KINDS else None
        if node.type == "member_expression":
            obj = syntax.unwrap(node.child_by_field_name("object"))
            prop = node.child_by_field_name("property")
            if obj is None or obj.type != "this" or prop is None:
                return None
            matches = self.methods().get(syntax.text(prop), [])
            return matches[0] if len(matches) == 1 else None
        return None

    def methods(self) -> dict[str, list[Function]]:
        """Class and prototype methods by their own name."""
        if self._methods is None:
            methods: dict[str, list[Function]] = {}
            for function in self.model.functions:
                if function.name and (function.class_info is not None or ".prototype." in function.name):
                    methods.setdefault(function.name.rsplit(".", 1)[-1], []).append(function)
                elif function.class_info is not None and function.method_name:
                    methods.setdefault(function.method_name, []).append(function)  # a class-field arrow `m = (ws) => …`
            self._methods = methods
        return self._methods

    # -- is it a store that outlives the handler? ----------------------------

    def store(self, origin: RequestObject, reference: Node, use: Use) -> RequestStore | None:
        if use.kind is not UseKind.STORED or not use.grows or use.weak or use.target is None:
            return None  # one slot overwritten by the next request, or an entry that dies with its key
        collection = _collection_root(use.target, use.how)
        if collection is None:
            return None
        if use.via is not None:
            return self._store_through_helper(origin, reference, use, collection)
        holder = self._outlives(collection, origin.handler, use)
        if holder is None:
            return None
        return RequestStore(origin, reference, use, collection, holder)

    def _store_through_helper(
        self, origin: RequestObject, reference: Node, use: Use, collection: Node
    ) -> RequestStore | None:
        """`track(server, conn)` where `function track(s, c) { s.conns.push(c) }`: the caller stores `conn`.

        The helper's collection outlives the handler when it is long-lived itself (module-level, a
        field of a singleton) or when it hangs off a parameter whose argument at this call does
        (`server`, declared outside the handler). The removal path is then the argument's
        (`server.conns`), and a removal inside the helper (its own `'close'` listener) counts too.
        """
        site = use.via
        callee = self.escapes._callee_function(site)
        if callee is None or callee.contains(origin.handler.node):
            return None
        helper_path = _path(self.model, collection)
        if helper_path is None:
            return None
        caller_path = helper_path
        holder = use.lifetime.reason if use.lifetime is not None and use.lifetime.is_long_lived else None
        root = helper_path[0]
        if holder is None and root == "this" and site.receiver is not None and (
            syntax.unwrap(site.receiver).type == "this"
        ):  # `this.track(socket)` storing into `this.sockets`: the same object as the handler's
            owner = origin.handler
            while owner is not None and owner.node.type == "arrow_function":
                owner = owner.parent  # an arrow's `this` is its enclosing function's
            if owner is None or not self._is_method(owner):
                return None
            holder = "a field of the object whose listener handles every connection"
        if isinstance(root, Binding) and root.kind == "param" and callee.contains(root.node):
            holder = None  # hangs off the helper's parameter: the argument at this call decides, and its path
        if holder is None:
            index = next((i for i, p in enumerate(callee.params) if p is root), -1)
            argument = site.argument(index) if index >= 0 else None
            argument_path = _path(self.model, argument) if argument is not None else None
            if argument_path is None:
                return None
            holder = self._outlives(argument, origin.handler, Use(UseKind.UNKNOWN, site.node))
            if holder is None:
                return None
            caller_path = (*argument_path, *helper_path[1:])
        elif isinstance(root, Binding) and callee.contains(root.node):
            return None  # a long-lived local of the helper itself: not the caller's store
        removed = self.removed_path(caller_path, origin.handler) or any(
            (callee.contains(node) or self._in_cleanup(node)) and shutdown_only(self.model, node) is None
            and in_silent_listener(self.model, node) is None  # the helper's `'close'` listener on a Socket.IO socket
            for node in self._removals(helper_path)
        )
        if removed or self._removed_by_suffix(helper_path):
            return None
        return RequestStore(origin, reference, use, collection, f"{holder}, stored by `{callee.name or 'a helper'}()`")

    def _in_cleanup(self, node: Node) -> bool:
        function = self.model.function_at(node)
        return function is not None and any(c is function for c in self.cleanup_functions())

    def _removed_by_suffix(self, helper_path) -> bool:
        """Another helper removes from the same field of its own parameter (`untrack(server, c)`)."""
        suffix = tuple(helper_path[1:])
        if not suffix:
            return False
        for node in self._removal_candidates():
            path = _path(self.model, node)
            if path is not None and len(path) > len(suffix) and tuple(path[-len(suffix):]) == suffix:
                return True
        return False

    def _removal_candidates(self) -> list[Node]:
        """Receivers and targets of every removal in the file (`x.splice`, `delete x[k]`, `x.length = 0`)."""
        model = self.model
        found = [site.receiver for site in model.method_calls(*REMOVAL_METHODS, "pop", "shift")
                 if site.receiver is not None and not removes_nothing(site.node)
                 and shutdown_only(model, site.node) is None and in_silent_listener(model, site.node) is None]
        for node in model.nodes("delete"):
            argument = syntax.unwrap(node.child_by_field_name("argument"))
            while argument is not None and argument.type == "subscript_expression":
                argument = syntax.unwrap(argument.child_by_field_name("object"))
            if argument is not None:
                found.append(argument)
        return found

    def _outlives(self, collection: Node, handler: Function, use: Use) -> str | None:
        """Why the collection lives longer than one call of the handler, or None."""
        if use.lifetime is not None and use.lifetime.is_long_lived:
            return use.lifetime.reason
        if collection.type == "identifier":
            binding = self.model.resolve(collection)
            if binding is None:
                return None
            if not handler.contains(binding.node):
                return f"`{binding.name}` is declared outside the handler, so it outlives each call"
            return None
        obj = syntax.unwrap(collection.child_by_field_name("object")) if collection.type == "member_expression" else None
        if obj is not None and obj.type == "this" and self._is_method(handler):
            return "a field of the object whose method handles every request"
        return None

    def _is_method(self, function: Function) -> bool:
        """A class or prototype method: its `this` is the object that receives every call."""
        return function.class_info is not None or bool(function.name and ".prototype." in function.name)

    # -- is it taken out when the request ends? -------------------------------

    def removed(self, store: RequestStore) -> bool:
        path = _path(self.model, store.collection)
        if path is None:
            return True  # cannot match removals: stay quiet
        return self.removed_path(path, store.origin.handler)

    def removed_path(self, path, handler: Function) -> bool:
        removals = self._removals(path)
        for node in removals:
            if shutdown_only(self.model, node) is not None:
                continue  # runs once, when the server stops: every connection before that stays
            if finish_only(self.model, node) is not None:
                continue  # `'finish'` only: a client that goes away first never makes it
            if in_silent_listener(self.model, node) is not None:
                continue  # `socket.on('close', …)` on a Socket.IO socket never runs
            function = self.model.function_at(node)
            cleanup = function is not None and any(c is function for c in self.cleanup_functions())
            if cleanup and any(c is function for c in self._closing_listeners) and (
                return_before_removals(self.model, function, removals, frozenset(p.name for p in handler.params))
                is not None
            ):
                continue  # `if (!game) return;` before it: that way out of the listener keeps the entry
            if handler.contains(node) or cleanup:
                return True
            if _guarded_by_liveness(node):
                return True
        return False

    def _removals(self, path) -> list[Node]:
        model = self.model
        found = [
            site.node
            for site in model.method_calls(*REMOVAL_METHODS, "pop", "shift")
            if site.receiver is not None and _same_root(model, site.receiver, path) and not removes_nothing(site.node)
        ]
        for node in model.nodes("delete"):
            argument = syntax.unwrap(node.child_by_field_name("argument"))
            if argument is not None and _same_root(model, argument, path) and deleted_under_other_key(model, node) is None:
                found.append(node)  # not `delete o[x.connectionId]` after looking up `o[x.userId]`: that key was never set
        for node in model.nodes("assign"):
            left = syntax.unwrap(node.child_by_field_name("left"))
            if left is None:
                continue
            if left.type == "member_expression" and syntax.text(left.child_by_field_name("property")) == "length":
                if _same_root(model, left.child_by_field_name("object"), path):
                    found.append(node)  # `list.length = 0`
            elif _path(model, left) == path:
                found.append(node)  # `list = list.filter(…)`, `map = new Map()`
        if model.external.removing_calls and isinstance(path[0], Binding) and path[0].is_module_level:
            found.extend(linked_removal_calls(model, path[0].name))  # another file's helper deletes from it
        return found

    def cleanup_functions(self) -> list[Function]:
        """Functions that run when a request or connection ends, or are named for cleaning up."""
        if self._cleanup is None:
            model = self.model
            seeds: list[Function] = []
            for site in model.method_calls(*_LISTEN_METHODS):
                if syntax.string_value(site.argument(0)) not in CLOSING_EVENTS:
                    continue
                if syntax.string_value(site.argument(0)) in NEVER_EMITTED and is_socket_io_socket(model, site.receiver):
                    continue  # a Socket.IO socket emits 'disconnect', never 'close'
                listener = self._listener_function(site.argument(1))
                if listener is not None:
                    seeds.append(listener)
                    self._closing_listeners.append(listener)
            seeds.extend(f for f in model.functions if f.name and _CLEANUP_NAME.search(f.name.rsplit(".", 1)[-1]))
            for function in model.functions:  # `beforeEach(() => { sockets = [] })`: reset between tests
                context = function.context
                if context and context[0] == "argument" and model.call_site(context[1]).name in _TEST_HOOKS:
                    seeds.append(function)
            found = list(seeds)
            frontier = seeds
            for _hop in range(_MAX_CALL_HOPS):
                nxt = []
                for function in frontier:
                    for callee in self._callees(function):
                        if all(callee is not f for f in found):
                            found.append(callee)
                            nxt.append(callee)
                frontier = nxt
            self._cleanup = found
        return self._cleanup

    def _listener_function(self, node: Node | None) -> Function | None:
        node = syntax.unwrap(node)
        if node is None:
            return None
        if node.type in syntax.FUNCTION_KINDS:
            return self.model.function_of(node)
        if node.type == "call_expression":
            site = self.model.call_site(node)
            if site.method == "bind":
                return self._function_named(site.receiver)
            return None
        return self._function_named(node)

    def _callees(self, function: Function) -> list[Function]:
        """Same-file functions called from a function's body (`f()`, `this.m()`)."""
        if self._call_names is None:
            names = sorted((*self.model.nodes("call_name"), *self.model.nodes("call_method")),
                           key=lambda n: n.start_byte)
            self._call_names = ([n.start_byte for n in names], names)
        starts, names = self._call_names
        low = bisect.bisect_left(starts, function.node.start_byte)
        high = bisect.bisect_left(starts, function.node.end_byte)
        callees = []
        for name in names[low:high]:
            callee_node = name if name.type == "identifier" else name.parent
            callee = self._function_named(callee_node)
            if callee is not None and callee is not function:
                callees.append(callee)
        return callees


def _collection_root(target: Node, how: str) -> Node | None:
    """`socketIndex` for `socketIndex[sid][id]`, `this.byId` for `this.byId.get(k)`: the long-lived container."""
    node = syntax.unwrap(target)
    if how in ("stored in", "assigned to") and node is not None and node.type in (
        "subscript_expression", "member_expression"
    ):
        if node.type == "member_expression":
            return None  # `holder.slot = req`: one named slot, not a new entry
        node = syntax.unwrap(node.child_by_field_name("object"))
    while node is not None:
        if node.type == "subscript_expression":
            node = syntax.unwrap(node.child_by_field_name("object"))
        elif node.type == "call_expression":
            callee = syntax.unwrap(node.child_by_field_name("function"))
            prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
            if prop is None or syntax.text(prop) != "get":
                return None
            node = syntax.unwrap(callee.child_by_field_name("object"))
        else:
            break
    if node is None or node.type not in ("identifier", "member_expression"):
        return None
    return node


def _same_root(model: FileModel, node: Node | None, path) -> bool:
    node = syntax.unwrap(node)
    while node is not None and node.type in ("subscript_expression", "call_expression"):
        if node.type == "call_expression":
            callee = syntax.unwrap(node.child_by_field_name("function"))
            if callee is None or callee.type != "member_expression":
                return False
            node = syntax.unwrap(callee.child_by_field_name("object"))
        else:
            node = syntax.unwrap(node.child_by_field_name("object"))
    return node is not None and _path(model, node) == path


def _path(model: FileModel, node: Node | None):
    """An access path in which `self.x` (with `const self = this`) and `this.x` are the same."""
    node = syntax.unwrap(node)
    if node is not None and node.type == "member_expression":
        obj = syntax.unwrap(node.child_by_field_name("object"))
        prop = node.child_by_field_name("property")
        if obj is not None and prop is not None and (obj.type == "this" or _is_this_alias(model, obj)):
            return ("this", syntax.text(prop))
    return model.access_path(node) if node is not None else None


def _is_this_alias(model: FileModel, node: Node) -> bool:
    if node.type != "identifier":
        return False
    binding = model.resolve(node)
    init = syntax.unwrap(binding.init) if binding is not None else None
    return init is not None and init.type == "this"


def _guarded_by_liveness(node: Node) -> bool:
    """Inside an `if` whose condition checks whether the connection is still alive."""
    current = node.parent
    while current is not None and current.type not in syntax.FUNCTION_KINDS:
        if current.type in ("if_statement", "ternary_expression", "while_statement"):
            condition = current.child_by_field_name("condition")
            if condition is not None and _LIVENESS.search(syntax.text(condition)):
                return True
        current = current.parent
    return False
