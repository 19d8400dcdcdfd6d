"""Call sites, access paths and the registration calls that make a function a handler."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from leaklint import syntax
from leaklint.model.scopes import Binding, Function
from leaklint.syntax import Node


@dataclass(eq=False)
class CallSite:
    """A call or `new`, with its callee split into receiver and method."""

    node: Node
    callee: Node | None
    receiver: Node | None  # `a.b` in `a.b.on(...)`
    method: str | None  # `on` in `a.b.on(...)`
    name: str | None  # `setInterval` in `setInterval(...)`
    arguments: list[Node]
    function: Function | None  # the function the call is made in (None: module level)
    is_new: bool = False

    def index_of(self, argument: Node) -> int:
        """The position of an argument node among the call's arguments, or -1."""
        start = argument.start_byte
        return next((i for i, a in enumerate(self.arguments) if a.start_byte == start), -1)

    def argument(self, index: int) -> Node | None:
        """The index-th argument, unwrapped, or None."""
        if index < len(self.arguments):
            return syntax.unwrap(self.arguments[index])
        return None


def make_call_site(node: Node, function: Function | None, is_new: bool, source: bytes) -> CallSite:
    """Split a call_expression / new_expression into a CallSite.

    ``source`` is the bytes the tree was parsed from: the method or name is
    read as a slice of them, the same bytes as `Node.text` for less work.
    """
    field_name = "constructor" if is_new else "function"
    callee = syntax.unwrap(node.child_by_field_name(field_name))
    receiver = method = name = None
    if callee is not None:
        kind = callee.type
        if kind == "member_expression":
            receiver = callee.child_by_field_name("object")
            prop = callee.child_by_field_name("property")
            method = source[prop.start_byte:prop.end_byte].decode("utf-8", "replace") if prop is not None else None
        elif kind == "identifier":
            name = source[callee.start_byte:callee.end_byte].decode("utf-8", "replace")
    arguments_node = node.child_by_field_name("arguments")
    arguments = (
        [a for a in arguments_node.named_children if a.type != "comment"] if arguments_node is not None else []
    )
    return CallSite(node, callee, receiver, method, name, arguments, function, is_new)


class HandlerKind(str, enum.Enum):
    """What kind of repeated entry point a registration makes of a callback."""

    REQUEST = "request"  # HTTP route, middleware, server 'request'
    CONNECTION = "connection"  # net/ws/socket.io connection
    EVENT = "event"  # any other emitter / event-target listener
    TIMER = "timer"  # setInterval
    MOUNT = "mount"  # a UI component's mount hook (useEffect setup, Vue `mounted`)
    RENDER = "render"  # a React function component's body, or a JSX event prop


@dataclass(frozen=True)
class Registration:
    """A call that registers a callback to run repeatedly."""

    kind: HandlerKind
    description: str  # "GET /users/:id route handler", "'data' listener on socket"
    node: Node


HTTP_METHODS = frozenset(
    {"get", "post", "put", "delete", "del", "patch", "all", "options", "head", "any", "on_request"}
)
# React effect hooks: their setup function runs after every render whose dependencies changed.
EFFECT_HOOKS = frozenset({"useEffect", "useLayoutEffect", "useInsertionEffect"})

LISTENER_METHODS = frozenset({"on", "addListener", "prependListener"})
ONCE_METHODS = frozenset({"once", "prependOnceListener"})
REMOVAL_METHODS = frozenset({"off", "removeListener", "removeEventListener"})
SERVER_FACTORIES = frozenset({"createServer", "createSecureServer"})
# First parameters of a node-style completion callback: no request or connection comes first.
_ERROR_FIRST_NAMES = frozenset({"err", "error", "e"})
CONNECTION_EVENTS = frozenset({"connection", "connect", "secureConnection", "upgrade", "stream", "session"})
REQUEST_EVENTS = frozenset({"request", "checkContinue", "checkExpectation"})
FASTIFY_REQUEST_HOOKS = frozenset(
    {
        "onRequest",
        "preParsing",
        "preValidation",
        "preHandler",
        "preSerialization",
        "onSend",
        "onResponse",
        "onError",
        "onTimeout",
        "onRequestAbort",
    }
)
ROUTE_OPTION_KEYS = frozenset({"handler"}) | FASTIFY_REQUEST_HOOKS
REQUEST_PARAM_NAMES = frozenset({"req", "request", "ctx", "context"})
RESPONSE_PARAM_NAMES = frozenset({"res", "response", "reply", "h", "next"})


def looks_like_route_path(node: Node | None) -> bool:
    """A route path argument: '/x', '*', a regex, a template starting with '/', or an array of them."""
    node = syntax.unwrap(node)
    if node is None:
        return False
    if node.type == "regex":
        return True
    if node.type == "array":
        return any(looks_like_route_path(child) for child in node.named_children)
    if node.type in ("string", "template_string"):
        raw = syntax.text(node)[1:]
        return raw.startswith("/") or raw.startswith("*")
    return False


def has_handler_signature(function: Function) -> bool:
    """Parameters named like a request handler: (req, res), (request, reply), (ctx, next)."""
    names = [p.name for p in function.params[:2]]
    if len(names) < 1:
        return False
    if len(names) == 2:
        return names[0] in REQUEST_PARAM_NAMES and names[1] in RESPONSE_PARAM_NAMES
    return False


def classify_registration(
    site: CallSite, index: int, function: Function | None, extra: frozenset[str] = frozenset()
) -> Registration | None:
    """Whether passing a callback as argument ``index`` of ``site`` makes it a repeated entry point.

    ``extra`` holds configured request-handler registration functions: a
    method or function name (`route`), or the callee as written (`router.command`).
    """
    method = site.method
    name = site.name
    if extra and ((method or name) in extra or "".join(_callee_text(site).split()) in extra):
        return Registration(HandlerKind.REQUEST, f"handler registered with {_callee_text(site)}()", site.node)
    if name == "setInterval" or (method == "setInterval" and _is_global_object(site.receiver)):
        if index == 0:
            return Registration(HandlerKind.TIMER, "setInterval callback", site.node)
        return None
    callee_name = method or name
    if callee_name in SERVER_FACTORIES and not site.is_new:
        if function is not None and function.params and function.params[0].name in _ERROR_FIRST_NAMES:
            return None  # `createServer(app, (err, server) => …)`: a project's node-style callback, run once
        return Registration(HandlerKind.REQUEST, f"{_callee_text(site)} request handler", site.node)
    if method in LISTENER_METHODS or method == "addEventListener":
        if index == 0:
            return None
        event = syntax.string_value(site.argument(0))
        label = f"'{event}'" if event is not None else "event"
        if event in REQUEST_EVENTS:
            kind = HandlerKind.REQUEST
        elif event in CONNECTION_EVENTS:
            kind = HandlerKind.CONNECTION
        else:
            kind = HandlerKind.EVENT
        return Registration(kind, f"{label} listener on {_receiver_text(site)}", site.node)
    if method is None:
        return None
    if method in HTTP_METHODS and index > 0 and looks_like_route_path(site.argument(0)):
        path = syntax.string_value(site.argument(0)) or syntax.text(site.arguments[0])
        return Registration(HandlerKind.REQUEST, f"{method.upper()} {path} route handler", site.node)
    if method == "use":
        if function is not None and _is_middleware(function, site, index):
            return Registration(HandlerKind.REQUEST, f"middleware registered with {_callee_text(site)}()", site.node)
        return None
    if method == "publish" and index == 1 and _is_meteor(site.receiver):
        # `Meteor.publish(name, fn)`: runs once per client subscription
        name = syntax.string_value(site.argument(0))
        label = f"'{name}'" if name is not None else "a"
        return Registration(HandlerKind.CONNECTION, f"Meteor publication {label} (per subscription)", site.node)
    if method == "addHook":
        hook = syntax.string_value(site.argument(0))
        if hook in FASTIFY_REQUEST_HOOKS and index > 0:
            return Registration(HandlerKind.REQUEST, f"'{hook}' hook", site.node)
        return None
    return None


def classify_option(site: CallSite, key: str) -> Registration | None:
    """A route object: `fastify.route({ handler })`, hapi `server.route({ handler })`; Meteor's RPC methods.

    Every method of the object passed to `Meteor.methods({ … })` is a remote
    procedure any client may call as often as it likes: a request handler.
    """
    if site.method == "route" and key in ROUTE_OPTION_KEYS:
        return Registration(HandlerKind.REQUEST, f"route {key} registered with {_callee_text(site)}()", site.node)
    if site.method == "methods" and _is_meteor(site.receiver):
        return Registration(HandlerKind.REQUEST, f"Meteor method '{key}'", site.node)
    return None


def _is_meteor(node: Node | None) -> bool:
    return node is not None and node.type == "identifier" and node.text == b"Meteor"


def _is_middleware(function: Function, site: CallSite, index: int) -> bool:
    if index > 0 and not looks_like_route_path(site.argument(0)):
        return False
    names = [p.name for p in function.params]
    if not names:
        return False
    if names[0] in REQUEST_PARAM_NAMES or names[0] in ("c", "err", "error"):
        return True
    return len(names) >= 2 and names[1] in RESPONSE_PARAM_NAMES


def _is_global_object(node: Node | None) -> bool:
    return node is not None and node.type == "identifier" and syntax.text(node) in ("globalThis", "window", "global")


def _callee_text(site: CallSite) -> str:
    return syntax.text(site.callee) if site.callee is not None else "call"


def _receiver_text(site: CallSite) -> str:
    if site.receiver is None:
        return "receiver"
    text = syntax.text(site.receiver)
    return text if len(text) <= 40 else text[:37] + "..."


AccessPath = tuple  # (root, *property names); root is a Binding, ("this", owner) or ("global", name)


def access_path(node: Node | None, reference_at: dict, this_owner: object | None) -> AccessPath | None:
    """A canonical name for `a`, `a.b.c`, `this.x`, `a['k']`: used to match adds with removals."""
    parts: list[str] = []
    node = syntax.unwrap(node)
    while node is not None:
        kind = node.type
        if kind == "member_expression":
            prop = node.child_by_field_name("property")
            if prop is None:
                return None
            parts.append(syntax.text(prop))
            node = syntax.unwrap(node.child_by_field_name("object"))
        elif kind == "subscript_expression":
            key = syntax.string_value(node.child_by_field_name("index"))
            if key is None:
                return None
            parts.append(key)
            node = syntax.unwrap(node.child_by_field_name("object"))
        elif kind == "identifier":
            reference = reference_at.get(node.start_byte)
            root: object
            if reference is not None and reference.binding is not None:
                root = reference.binding
            else:
                root = ("global", syntax.text(node))
            return (root, *reversed(parts))
        elif kind == "this":
            return (("this", this_owner), *reversed(parts))
        else:
            return None
    return None


def describe_path(path: AccessPath) -> str:
    """`a.b.c` for an access path."""
    root = path[0]
    if isinstance(root, Binding):
        head = root.name
    elif isinstance(root, tuple) and root[0] == "this":
        head = "this"
    else:
        head = root[1]
    return ".".join([head, *path[1:]])


def direct_calls(model, function: Function | None) -> list[CallSite]:
    """The calls `f(…)` of a function declared in the file under a name (none for other functions)."""
    context = function.context if function is not None else ()
    if not context or context[0] != "declared" or not isinstance(context[1], Binding):
        return []
    calls = []
    for reference in context[1].reads:
        parent = reference.node.parent
        if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == reference.node:
            calls.append(model.call_site(parent))
    return calls


def listener_call_of(model, identifier: Node | None) -> CallSite | None:
    """The call `x.m(a, (identifier, …) => …)` whose second argument takes ``identifier`` as its first parameter.

    `server.on('connection', (socket) => …)`, `ipcMain.on(channel, (event) => …)`,
    `req.once('socket', (socket) => …)`: which method and receiver it is, the caller checks.
    """
    identifier = syntax.unwrap(identifier)
    if identifier is None or identifier.type != "identifier":
        return None
    binding = model.resolve(identifier)
    if binding is None or binding.kind != "param":
        return None
    function = binding.scope.owner
    if function is None or not function.params or function.params[0] is not binding:
        return None
    context = function.context
    if not context or context[0] != "argument" or context[2] != 1:
        return None
    return model.call_site(context[1])
