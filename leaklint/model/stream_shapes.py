"""Stream shapes that keep a stream's buffers after its work is over (LL006, beside `write()` backpressure).

``unguarded_pipe_pairs``: two network streams joined both ways with
`.pipe()` (`client.pipe(upstream); upstream.pipe(client)`, or
`a.pipe(b).pipe(a)`) in a function that runs more than once, a proxy's
shape.  `.pipe()` paces the source, but it neither forwards errors nor
destroys the destination when the source errors or closes: it calls
`dest.end()` only after a clean `'end'`.  When one side fails, its peer stays
open with whatever it has buffered, for as long as the far end keeps it.  The
pair is handled when the file destroys or ends one side from a teardown of
the other: an `'error'`, `'close'`, `'end'`, `'timeout'` … listener (also
`finished()`/`eos()`, or `setTimeout(ms, fn)` on the socket) whose callback,
or a same-file function it calls, calls `peer.destroy()`/`end()`.
`pipeline()`/`pump()` are not `.pipe()` and are never reported.

``unread_transforms``: a transform (`new Transform({ transform })`,
`new PassThrough()`, `through2(fn)`, `through2.obj(fn)`) bound to a name whose
readable side nothing reads (no `.pipe()`, `'data'`/`'readable'` listener,
`read()`, `resume()`, `for await`, `pipeline()`), that is handed out nowhere
else (returned, stored, passed on), while something writes into it over and
over: a request, event or timer handler of the file (the transform made
outside it), or a logger it is given to as its destination (morgan's
`stream` option, `pino(dest)`, `new Console(dest)`, bunyan's and winston's
`stream`), which writes one line per request.  Whatever the transform pushes
stays in its readable buffer; past `highWaterMark` `write()` returns `false`
and the writer's chunks queue on the writable side.  A read on the other
branch of the same `c ? t.pipe(dest) : t` that hands the transform out
unread does not count.  A transform whose every `push()` (or
`callback(null, chunk)`) is conditional is not reported: it may push only
when something reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import CallSite
from leaklint.model.frequency import FrequencyFact
from leaklint.model.imports import bare_module, imported_name, module_of
from leaklint.model.scopes import FUNCTION_KINDS, Binding, Function
from leaklint.model.streams import STREAM_MODULES, StreamOrigin, stream_key, stream_origin
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

# Events after which the other side of a pair should be torn down.
TEARDOWN_EVENTS = frozenset({"error", "close", "end", "finish", "timeout", "abort", "aborted"})
# Calls that close a socket (end() lets it flush first).
PEER_RELEASES = frozenset({"destroy", "end", "destroySoon", "resetAndDestroy"})
LISTEN_METHODS = ("on", "once", "addListener", "prependListener", "prependOnceListener")
FINISHED_FUNCTIONS = ("finished", "eos", "endOfStream", "onFinished")
# HTTP server events whose second parameter is the raw client socket (a CONNECT tunnel, an upgrade).
SOCKET_HANDING_EVENTS = frozenset({"connect", "upgrade"})


@dataclass(frozen=True)
class PipePair:
    """`a.pipe(b)` with `b.pipe(a)` beside it, and nothing that destroys one side when the other fails."""

    site: CallSite  # `a.pipe(b)`
    source: Node  # `a`
    dest: Node  # `b`
    back: CallSite  # `b.pipe(a)`
    source_origin: StreamOrigin
    dest_origin: StreamOrigin
    frequency: FrequencyFact


def unguarded_pipe_pairs(model: FileModel) -> list[PipePair]:
    """Every `.pipe()` of a two-way pipe between network streams that no teardown listener closes."""
    sites = model.method_calls("pipe")
    if len(sites) < 2:
        return []
    ends = []
    for site in sites:
        source, dest = _pipe_source(model, site), site.argument(0)
        source_key, dest_key = _strict_key(model, source), _strict_key(model, dest)
        if source_key is None or dest_key is None or source_key == dest_key:
            continue
        ends.append((site, source, dest, source_key, dest_key))
    pairs = []
    starts = set()  # `a.pipe(b).pipe(a)`: both calls start at `a`, one finding
    for site, source, dest, source_key, dest_key in ends:
        if site.node.start_byte in starts:
            continue
        back = next(
            (other for other, _, _, k1, k2 in ends
             if other is not site and k1 == dest_key and k2 == source_key and other.function is site.function),
            None,
        )
        if back is None or site.function is None:
            continue  # one direction only, or a one-shot pipe at module level
        frequency = model.frequency(site.function)
        if not frequency.runs_repeatedly:
            continue
        source_origin, dest_origin = _network_origin(model, source), _network_origin(model, dest)
        if source_origin is None or dest_origin is None:
            continue  # an in-process duplex (an RPC multiplexer) goes away with the socket it is joined to
        if _torn_down_together(model, source_key, dest_key):
            continue
        starts.add(site.node.start_byte)
        pairs.append(PipePair(site, source, dest, back, source_origin, dest_origin, frequency))
    return pairs


def _pipe_source(model: FileModel, site: CallSite) -> Node | None:
    """The stream `.pipe()` reads: `a` in `a.pipe(b)`, `b` in `a.pipe(b).pipe(c)` (pipe returns its destination)."""
    receiver = syntax.unwrap(site.receiver)
    while receiver is not None and receiver.type == "call_expression":
        inner = model.call_site(receiver)
        if inner.method != "pipe":
            return receiver  # a chained listener call: stream_key follows it
        receiver = inner.argument(0)
    return receiver


def _strict_key(model: FileModel, node: Node | None) -> object | None:
    """The binding or access path of a stream: the same object, not only the same last name."""
    key = stream_key(model, node) if node is not None else None
    return key[0] if key is not None else None


def _network_origin(model: FileModel, node: Node) -> StreamOrigin | None:
    """A connection or server socket, also the raw socket of an HTTP `'connect'`/`'upgrade'` listener."""
    origin = stream_origin(model, node)
    if origin is not None and origin.kind in ("connection", "socket"):
        return origin
    if node.type != "identifier":
        return None
    binding = model.resolve(node)
    if binding is None or binding.kind != "param":
        return None
    function = binding.scope.function
    if function is None or binding not in function.params or function.params.index(binding) != 1:
        return None
    context = function.context
    if not context or context[0] != "argument" or context[2] != 1:
        return None
    registration = model.call_site(context[1])
    if registration.method in LISTEN_METHODS and syntax.string_value(registration.argument(0)) in SOCKET_HANDING_EVENTS:
        event = syntax.string_value(registration.argument(0))
        return StreamOrigin("socket", f"`{binding.name}`, the client socket of an HTTP '{event}' listener", binding.node)
    return None


def _torn_down_together(model: FileModel, first: object, second: object) -> bool:
    """Whether a teardown of either stream (a listener, `finished()`, a socket timeout) closes the other."""
    for site in model.method_calls(*LISTEN_METHODS, "setTimeout"):
        if site.method == "setTimeout":
            callback = site.argument(1)  # `socket.setTimeout(ms, fn)`
        elif syntax.string_value(site.argument(0)) in TEARDOWN_EVENTS:
            callback = site.argument(1)
        else:
            continue
        owner = _strict_key(model, site.receiver)
        if owner in (first, second) and _closes(model, callback, second if owner == first else first):
            return True
    for site in (*model.function_calls(*FINISHED_FUNCTIONS), *model.method_calls("finished")):
        owner = _strict_key(model, site.argument(0))
        callback = site.argument(len(site.arguments) - 1) if site.arguments else None
        if owner in (first, second) and _closes(model, callback, second if owner == first else first):
            return True
    return False


def _closes(model: FileModel, callback: Node | None, peer: object, depth: int = 0) -> bool:
    """A callback that destroys or ends the peer, directly or through a same-file function it calls."""
    callback = syntax.unwrap(callback)
    if callback is None or depth > 2:
        return False
    if callback.type == "call_expression":
        site = model.call_site(callback)
        if site.method == "bind":
            callback = syntax.unwrap(site.receiver)  # `peer.destroy.bind(peer)`
        else:
            return False
    if callback is None:
        return False
    if callback.type == "member_expression":
        prop = callback.child_by_field_name("property")
        owner = _strict_key(model, callback.child_by_field_name("object"))
        return prop is not None and syntax.text(prop) in PEER_RELEASES and owner == peer
    if callback.type == "identifier":
        function = _named_function(model, callback)
        return function is not None and _closes(model, function.node, peer, depth + 1)
    if callback.type not in FUNCTION_KINDS:
        return False
    for node in syntax.walk(callback):
        if node.type != "call_expression":
            continue
        site = model.call_site(node)
        if site.method in PEER_RELEASES and _strict_key(model, site.receiver) == peer:
            return True
        if site.name is not None and _closes(model, site.callee, peer, depth + 1):
            return True
    return False


def _named_function(model: FileModel, identifier: Node) -> Function | None:
    """The same-file function a name refers to (`function cleanup() {}`, `const cleanup = () => {}`)."""
    binding = model.resolve(identifier)
    if binding is None:
        return None
    if binding.kind == "function":
        return model.function_of(binding.declaration)
    if binding.kind in ("const", "let", "var") and binding.init is not None and not binding.writes:
        init = syntax.unwrap(binding.init)
        if init is not None and init.type in FUNCTION_KINDS:
            return model.function_of(init)
    return None


# -- transforms nobody reads ------------------------------------------------------------------

TRANSFORM_FACTORIES = frozenset({"through2"})
TRANSFORM_CLASSES = frozenset({"Transform", "PassThrough"})
# Calls on a stream that read its readable side.
READ_METHODS = frozenset({"pipe", "read", "resume", "pipeTo", "pipeThrough", "toArray", "forEach", "map", "filter",
                          "reduce", "some", "every", "find", "flatMap", "take", "drop", "iterator",
                          "getReader", "unpipe"})
READ_EVENTS = frozenset({"data", "readable"})
# Calls on a stream that only feed or watch it.
WRITE_METHODS = frozenset({"write", "end", "cork", "uncork"})
NEUTRAL_METHODS = frozenset({"destroy", "setMaxListeners", "removeListener", "off", "removeAllListeners",
                             "emit", "setDefaultEncoding"})
READING_FUNCTIONS = frozenset({"pipeline", "pump", "compose", "duplexPair"})
# Loggers that write every line into a destination stream they are given.
LOGGER_MODULES = frozenset({"morgan", "pino", "bunyan", "winston", "log4js", "console"})
DESTINATION_KEYS = frozenset({"stream", "stdout", "stderr"})


@dataclass(frozen=True)
class StreamUse:
    """One read reference of a transform's binding, and what it does with the stream."""

    node: Node
    kind: str  # read | write | neutral | sink | escape
    branches: tuple[tuple[int, str], ...] = ()  # (conditional's start, "consequence"/"alternative") passed through
    detail: str = ""  # for sinks, the logger


@dataclass(frozen=True)
class UnreadTransform:
    """A transform whose pushes pile up: nothing reads it, something writes it over and over."""

    binding: Binding
    creation: Node
    kind: str  # "through2 transform", "`new PassThrough()`"
    fill: Node  # the unconditional push, or for a PassThrough the repeated write
    writer: Node  # the repeated write, or where the stream is handed to a logger
    writer_reason: str
    uses: list[StreamUse] = field(default_factory=list)


def unread_transforms(model: FileModel) -> list[UnreadTransform]:
    """Transforms bound to a name, filled over and over, whose readable side nothing in the file reads."""
    found = []
    for binding, creation, kind, transform in _transforms(model):
        if transform is None and "PassThrough" not in kind:
            continue  # a Transform with no transform function here (a subclass, options passed in)
        pushes = _pushes(model, transform) if transform is not None else []
        if transform is not None and (not pushes or any(_conditional(p, transform.node) for p in pushes)):
            continue  # pushes nothing, or pushes only when something holds for the reader
        uses = [_use(model, reference.node) for reference in binding.reads]
        if any(use.kind == "escape" for use in uses):
            continue  # handed to code that may read it
        sinks = [use for use in uses if use.kind == "sink"]
        reads = [use for use in uses if use.kind == "read"]
        if any(not any(_exclusive(read, sink) for sink in sinks) for read in reads):
            continue  # read on some path the writes also take
        writer = _repeated_write(model, binding, creation, uses)
        if writer is None and sinks:
            writer = (sinks[0].node, f"it is given to {sinks[0].detail} as its destination, which writes into it "
                                     "on every log line")
        if writer is None:
            continue
        fill = pushes[0] if pushes else writer[0]
        found.append(UnreadTransform(binding, creation, kind, fill, writer[0], writer[1], uses))
    return found


def _transforms(model: FileModel):
    """(binding, creation, description, transform function or None) for every named transform in the file."""
    for node in model.nodes("new"):
        site = model.call_site(node)
        name = _constructor_name(model, site)
        if name is not None:
            binding = _bound_to(model, node)
            if binding is not None:
                yield binding, node, f"a `new {name}()` stream", _option_function(model, site, "transform")
    for site in (*model.function_calls(*TRANSFORM_FACTORIES), *model.method_calls("obj", "ctor")):
        factory = site.name or syntax.text(syntax.unwrap(site.receiver) or site.node)
        if factory not in TRANSFORM_FACTORIES or not _imported_from(model, site.callee if site.name else site.receiver,
                                                                     factory):
            continue
        binding = _bound_to(model, site.node)
        function = next((syntax.unwrap(a) for a in reversed(site.arguments)
                         if syntax.unwrap(a) is not None and syntax.unwrap(a).type in FUNCTION_KINDS), None)
        if binding is not None and function is not None and site.method != "ctor":
            yield binding, site.node, f"a {factory} transform", model.function_of(function)


def _constructor_name(model: FileModel, site: CallSite) -> str | None:
    """`Transform`/`PassThrough` of `new X()` when X comes from `stream` (or is not declared in the file)."""
    callee = site.callee
    if callee is None:
        return None
    if callee.type == "identifier":
        name = syntax.text(callee)
        binding = model.resolve(callee)
        imported = imported_name(binding)
        if binding is not None and (imported is None or bare_module(imported[0]) not in STREAM_MODULES):
            return None
    elif callee.type == "member_expression":
        prop = callee.child_by_field_name("property")
        name = syntax.text(prop) if prop is not None else ""
        module = module_of(model, callee.child_by_field_name("object"))
        if module is None or bare_module(module) not in STREAM_MODULES:
            return None
    else:
        return None
    return name if name in TRANSFORM_CLASSES else None


def _imported_from(model: FileModel, node: Node | None, module: str) -> bool:
    node = syntax.unwrap(node)
    if node is None or node.type != "identifier":
        return False
    imported = imported_name(model.resolve(node))
    return imported is not None and bare_module(imported[0]) == module


def _bound_to(model: FileModel, creation: Node) -> Binding | None:
    """The `const`/`let`/`var` a creation initialises (`const t = new PassThrough()`), declared with it."""
    parent = creation.parent
    if parent is None or parent.type != "variable_declarator" or parent.child_by_field_name("value") != creation:
        return None
    name = parent.child_by_field_name("name")
    binding = model.scopes.binding_at.get(name.start_byte) if name is not None and name.type == "identifier" else None
    if binding is None or binding.writes:
        return None  # reassigned: which stream a use sees is not followed
    return binding


def _option_function(model: FileModel, site: CallSite, key: str) -> Function | None:
    """The `transform(chunk, enc, cb) {…}` function of `new Transform({ transform })`."""
    options = site.argument(0)
    if options is None or options.type != "object":
        return None
    for child in options.named_children:
        name = child.child_by_field_name("name") if child.type == "method_definition" else child.child_by_field_name("key")
        if name is None or syntax.text(name).strip("'\"") != key:
            continue
        value = child if child.type == "method_definition" else syntax.unwrap(child.child_by_field_name("value"))
        return model.function_of(value) if value is not None and value.type in FUNCTION_KINDS else None
    return None


def _pushes(model: FileModel, transform: Function) -> list[Node]:
    """`this.push(x)` and `callback(null, x)` in a transform function (not in the functions nested in it)."""
    params = transform.params
    callback = params[2] if len(params) > 2 else None
    found = []
    for node in syntax.walk(transform.node):
        if node.type != "call_expression" or model.function_at(node) is not transform:
            continue
        site = model.call_site(node)
        receiver = syntax.unwrap(site.receiver)
        if site.method == "push" and receiver is not None and receiver.type == "this" and site.arguments:
            found.append(node)
        elif site.name is not None and callback is not None and len(site.arguments) >= 2:
            if model.resolve(site.callee) is callback and syntax.text(site.arguments[1]) not in ("undefined", "null"):
                found.append(node)
    return found


def _conditional(node: Node, stop: Node) -> bool:
    """Whether a call is under an `if`, a `? :`, a `&&`/`||` or a `switch` case inside ``stop``."""
    parent = node.parent
    while parent is not None and parent != stop:
        if parent.type in ("if_statement", "ternary_expression", "switch_case", "catch_clause"):
            return True
        if parent.type == "binary_expression":
            operator = parent.child_by_field_name("operator")
            if operator is not None and operator.type in ("&&", "||", "??"):
                return True
        parent = parent.parent
    return False


def _use(model: FileModel, reference: Node) -> StreamUse:
    """What a read of the transform's name does with the stream."""
    branches = _branches(reference)
    node, parent = reference, reference.parent
    while parent is not None and (
        parent.type == "parenthesized_expression"
        or (parent.type == "ternary_expression" and parent.child_by_field_name("condition") != node)
        or (parent.type == "binary_expression" and syntax.text(parent.child_by_field_name("operator")) in ("||", "??"))
    ):
        node, parent = parent, parent.parent  # the value flows on unchanged
    if parent is None:
        return StreamUse(reference, "escape", branches)
    kind = parent.type
    if kind == "member_expression" and parent.child_by_field_name("object") == node:
        call = parent.parent
        prop = syntax.text(parent.child_by_field_name("property"))
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != parent:
            return StreamUse(reference, "neutral", branches)  # `t.readable`, `t.writableLength`
        site = model.call_site(call)
        if prop in LISTEN_METHODS:
            event = syntax.string_value(site.argument(0))
            return StreamUse(reference, "read" if event is None or event in READ_EVENTS else "neutral", branches)
        if prop in READ_METHODS:
            return StreamUse(reference, "read", branches)
        if prop in WRITE_METHODS:
            return StreamUse(call, "write", branches)
        if prop in NEUTRAL_METHODS:
            return StreamUse(reference, "neutral", branches)
        return StreamUse(reference, "escape", branches)
    if kind == "expression_statement":
        return StreamUse(reference, "neutral", branches)
    if kind == "for_in_statement" and parent.child_by_field_name("right") == node:
        return StreamUse(reference, "read" if "await" in syntax.text(parent)[:12] else "escape", branches)
    if kind == "arguments" and parent.parent is not None:
        site = model.call_site(parent.parent)
        if (site.name or site.method) in READING_FUNCTIONS:
            return StreamUse(reference, "read", branches)
        if site.method == "pipe":
            return StreamUse(parent.parent, "write", branches)  # a source piped into the transform
        if (site.name or site.method) in FINISHED_FUNCTIONS:
            return StreamUse(reference, "neutral", branches)
        logger = _logger(model, site)
        if logger is not None and site.index_of(node) >= 0 and not site.argument(site.index_of(node)).type == "object":
            if logger != "morgan":
                return StreamUse(reference, "sink", branches, f"`{logger}`")  # `pino(dest)`, `new Console(dest)`
        return StreamUse(reference, "escape", branches)
    if kind == "pair" and parent.child_by_field_name("value") == node:
        key = syntax.text(parent.child_by_field_name("key")).strip("'\"")
        options = parent.parent
        argument_of = options.parent if options is not None else None
        if key in DESTINATION_KEYS and argument_of is not None and argument_of.type == "arguments":
            logger = _logger(model, model.call_site(argument_of.parent))
            if logger is not None:
                return StreamUse(reference, "sink", branches, f"`{logger}`")
        return StreamUse(reference, "escape", branches)
    if kind == "assignment_expression" and parent.child_by_field_name("right") == node:
        left = syntax.unwrap(parent.child_by_field_name("left"))
        logger = _options_given_to_logger(model, left)
        if logger is not None:
            return StreamUse(reference, "sink", branches, f"`{logger}`")
        return StreamUse(reference, "escape", branches)
    return StreamUse(reference, "escape", branches)


def _branches(node: Node) -> tuple[tuple[int, str], ...]:
    """The branches of `? :` and `if` a node sits on, up to its function: (the conditional's start, which branch)."""
    found = []
    child, parent = node, node.parent
    while parent is not None and parent.type not in FUNCTION_KINDS:
        if parent.type in ("ternary_expression", "if_statement") and parent.child_by_field_name("condition") != child:
            which = "consequence" if parent.child_by_field_name("consequence") == child else "alternative"
            found.append((parent.start_byte, which))
        elif parent.type == "else_clause" and parent.parent is not None and parent.parent.type == "if_statement":
            found.append((parent.parent.start_byte, "alternative"))
            child, parent = parent.parent, parent.parent.parent
            continue
        child, parent = parent, parent.parent
    return tuple(found)


def _logger(model: FileModel, site: CallSite) -> str | None:
    """The logger module a call or `new` comes from: `morgan(...)`, `pino(...)`, `new winston.transports.Stream()`."""
    callee = syntax.unwrap(site.callee)
    root = callee
    while root is not None and root.type == "member_expression":
        root = syntax.unwrap(root.child_by_field_name("object"))
    if root is None or root.type != "identifier":
        return None
    if syntax.text(root) == "console" and model.resolve(root) is None:
        return "console.Console" if site.is_new else None
    if site.is_new and callee is root and syntax.text(root) == "Console":
        return "Console"
    imported = imported_name(model.resolve(root))
    module = bare_module(imported[0]) if imported is not None else None
    return module if module in LOGGER_MODULES else None


def _options_given_to_logger(model: FileModel, left: Node | None) -> str | None:
    """`options.stream = t` where `options` is then given to a logger in the same function (`morgan(fmt, options)`)."""
    if left is None or left.type != "member_expression":
        return None
    prop = left.child_by_field_name("property")
    holder = syntax.unwrap(left.child_by_field_name("object"))
    if prop is None or syntax.text(prop) not in DESTINATION_KEYS or holder is None or holder.type != "identifier":
        return None
    binding = model.resolve(holder)
    if binding is None:
        return None
    function = model.function_at(left)
    for reference in binding.reads:
        arguments = reference.node.parent
        if arguments is None or arguments.type != "arguments" or model.function_at(reference.node) is not function:
            continue
        if reference.node.start_byte < left.start_byte:
            continue
        logger = _logger(model, model.call_site(arguments.parent))
        if logger is not None:
            return logger
    return None


def _exclusive(read: StreamUse, sink: StreamUse) -> bool:
    """The read and the hand-off sit on different branches of one conditional: the handed-out path is unread."""
    theirs = dict(sink.branches)
    return any(start in theirs and theirs[start] != which for start, which in read.branches)


def _repeated_write(model: FileModel, binding: Binding, creation: Node, uses: list[StreamUse]) -> tuple[Node, str] | None:
    """A write into the transform from code that repeats, made outside the function that creates it."""
    made_in = model.function_at(creation)
    for use in uses:
        if use.kind != "write":
            continue
        function = model.function_at(use.node)
        if function is None or function is made_in:
            continue
        frequency = model.frequency(function)
        if not frequency.repeats_for_sure:
            continue
        if made_in is not None and model.frequency(made_in).runs_repeatedly:
            continue  # a new transform per call of its maker
        phrase = frequency.phrase or "repeatedly"
        return use.node, f"written here {phrase} ({frequency.reason})"
    return None
