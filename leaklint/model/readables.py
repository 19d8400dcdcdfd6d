"""Readable streams a file creates and whether it ever reads, pipes, resumes or destroys them.

A shared fact for LL010. Readables come from `fs.createReadStream()` (from
`fs`, `node:fs`, `fs-extra`, `graceful-fs`) and from the response parameter
of an `http.get`/`http.request`/`https.*` callback. A use consumes the stream
when it calls `pipe`, `resume`, `read`, `destroy`, `close`, `pipeTo`,
`pipeThrough` or an iterator helper (`toArray`, `forEach`, …), adds a
`'data'` or `'readable'` listener, iterates it (`for await`), or hands it on
(passes it to `pipeline()`, `res.send()`, returns or stores it). Listener
calls and `setEncoding`/`pause` on the stream return the stream, so a chain
(`createReadStream(f).on('error', h).pipe(res)`) is followed to its end.

Shared through ``model.fact("readables", readable_index)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.imports import WHOLE_MODULE, bare_module, imported_name, require_source
from leaklint.model.scopes import FUNCTION_KINDS as FUNCTION_NODE_KINDS, Binding, Function
from leaklint.model.values import ValueUse, ValueUseKind, classify_expression, nodes_between, value_uses
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

FS_MODULES = frozenset({"fs", "fs-extra", "graceful-fs"})
HTTP_MODULES = frozenset({"http", "https"})
HTTP_CALLS = frozenset({"get", "request"})
CONSUMING_METHODS = frozenset(
    {"pipe", "resume", "read", "destroy", "close", "pipeTo", "pipeThrough", "toArray", "forEach", "map", "filter",
     "reduce", "some", "every", "find", "drop", "take", "flatMap", "unshift"}
)
CONSUMING_EVENTS = frozenset({"data", "readable"})
LISTENER_METHODS = frozenset({"on", "once", "addListener", "prependListener", "prependOnceListener"})
CHAINING_METHODS = LISTENER_METHODS | {"setEncoding", "pause", "off", "removeListener"}
_EXITS = frozenset({"return_statement", "throw_statement"})
_FALSY = frozenset({"false", "null", "undefined", "0"})
_TRUTHY = frozenset({"true", "1"})


@dataclass(eq=False)
class Readable:
    """One readable the file creates, and what it does with it."""

    node: Node  # the createReadStream() / http.get() call
    origin: str  # "fs.createReadStream()", "the response of http.get()"
    function: Function | None  # where the stream is used (the callback for a response)
    binding: Binding | None = None
    consumed: list[Node] = field(default_factory=list)
    handed_on: bool = False
    peeks: list[Node] = field(default_factory=list)  # `res.statusCode`, `res.headers`
    early_exit: Node | None = None  # a return/throw before the first consuming use

    @property
    def never_consumed(self) -> bool:
        """Nothing reads, pipes, resumes, destroys or takes the stream."""
        return not self.consumed and not self.handed_on


@dataclass
class ReadableIndex:
    """Every tracked readable of a file."""

    readables: list[Readable]


def readable_index(model: FileModel) -> ReadableIndex:
    """Build the index (once per file, through ``model.fact``)."""
    found: list[Readable] = []
    for site in model.method_calls("createReadStream") + model.function_calls("createReadStream"):
        if _from_modules(model, site, FS_MODULES, "createReadStream"):
            found.append(_follow_stream(model, site.node, f"`{_callee_text(site)}()`"))
    for site in model.method_calls(*HTTP_CALLS):
        if not _from_modules(model, site, HTTP_MODULES, site.method):
            continue
        callback = site.argument(len(site.arguments) - 1) if site.arguments else None
        function = model.function_of(callback) if callback is not None else None
        if function is None or not function.params:
            continue
        readable = Readable(site.node, f"the response of `{_callee_text(site)}()`", function, function.params[0])
        _record_binding(model, readable, function.params[0])
        _find_early_exit(model, readable, function)
        found.append(readable)
    found.sort(key=lambda r: r.node.start_byte)
    return ReadableIndex(found)


def _callee_text(site) -> str:
    """`http.request` even when the chain is split over lines (`http\n  .request`)."""
    return "".join(syntax.text(site.callee).split()) if site.callee is not None else "?"


def _from_modules(model: FileModel, site, modules: frozenset[str], name: str | None) -> bool:
    """`fs.createReadStream` with `fs` imported from one of ``modules``, or the name imported itself."""
    if site.receiver is None:
        imported = imported_name(model.resolve(site.callee))
        return imported is not None and bare_module(imported[0]) in modules and imported[1] == name
    receiver = syntax.unwrap(site.receiver)
    if require_source(receiver) is not None:
        return bare_module(require_source(receiver)) in modules
    if receiver is None or receiver.type != "identifier":
        return False
    imported = imported_name(model.resolve(receiver))
    return imported is not None and imported[1] in (WHOLE_MODULE, "default") and bare_module(imported[0]) in modules


def _follow_stream(model: FileModel, call: Node, origin: str) -> Readable:
    function = model.function_at(call)
    readable = Readable(call, origin, function)
    value = call
    for _ in range(16):  # follow `.on(...).on(...)` chains
        parent = value.parent
        while parent is not None and parent.type in ("parenthesized_expression", "await_expression"):
            value, parent = parent, parent.parent
        if parent is None or parent.type == "expression_statement":
            return readable  # dropped where it is made
        if parent.type == "variable_declarator" and parent.child_by_field_name("value") == value:
            name = parent.child_by_field_name("name")
            statement = parent.parent
            if statement is not None and statement.parent is not None and statement.parent.type == "export_statement":
                readable.handed_on = True
                return readable
            binding = model.resolve(name) if name is not None and name.type == "identifier" else None
            if binding is None:
                readable.handed_on = True  # destructured: not followed
                return readable
            readable.binding = binding
            _record_binding(model, readable, binding)
            if function is not None:
                _find_early_exit(model, readable, function)
            return readable
        use = classify_expression(model, value, function)
        if use.kind is ValueUseKind.METHOD and use.name in CHAINING_METHODS and not _consumes(use):
            value = use.site  # the call returns the stream itself
            continue
        _record(readable, use)
        return readable
    readable.handed_on = True
    return readable


def _record_binding(model: FileModel, readable: Readable, binding: Binding) -> None:
    for use in value_uses(model, binding):
        _record(readable, use)


def _record(readable: Readable, use: ValueUse) -> None:
    if use.kind is ValueUseKind.METHOD and (use.name in CONSUMING_METHODS or _consumes(use)):
        readable.consumed.append(use.site)
    elif use.kind in (ValueUseKind.HANDED_ON, ValueUseKind.ITERATED):
        readable.handed_on = True
    elif use.kind is ValueUseKind.PROPERTY:
        readable.peeks.append(use.site)
    elif use.kind is ValueUseKind.METHOD and use.name in CHAINING_METHODS:
        pass  # an 'error'/'end'/'close' listener, setEncoding(): reads nothing
    elif use.kind is ValueUseKind.ACCESS:
        pass
    else:
        readable.handed_on = True  # an unknown method or a write: not ours to judge


def _consumes(use: ValueUse) -> bool:
    """`.on('data' | 'readable', …)`."""
    if use.name not in LISTENER_METHODS or use.site is None:
        return False
    arguments = use.site.child_by_field_name("arguments")
    first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
    return syntax.string_value(first) in CONSUMING_EVENTS


def _find_early_exit(model: FileModel, readable: Readable, function: Function) -> None:
    """A return/throw in the function before the first consuming use (when there is one)."""
    if not readable.consumed or readable.handed_on or function.body is None:
        return
    first = min(node.start_byte for node in readable.consumed)
    start = readable.binding.node.end_byte if readable.binding is not None else function.body.start_byte
    if not function.contains(readable.node) and readable.binding is not None:
        start = function.body.start_byte  # a response parameter: from the top of the callback
    exits = [e for e in nodes_between(function.body, start, first, _EXITS) if not _guarded_by_callback_flag(model, e, function)]
    if exits:
        readable.early_exit = exits[0]


def _guarded_by_callback_flag(model: FileModel, exit_node: Node, function: Function) -> bool:
    """`if (failed) return;` where `failed` is only ever set inside callbacks: it cannot be set yet.

    Listeners run after the current synchronous code, so a flag that only a
    listener sets is still at its initial value when the function reaches the
    exit (streetmerchant's `responseDead`).
    """
    statement = exit_node.parent
    while statement is not None and statement.type != "if_statement" and statement != function.body:
        statement = statement.parent
    if statement is None or statement.type != "if_statement":
        return False
    condition = syntax.unwrap(statement.child_by_field_name("condition"))
    negated = condition is not None and condition.type == "unary_expression" and syntax.text(condition).startswith("!")
    if negated:
        condition = syntax.unwrap(condition.child_by_field_name("argument"))
    if condition is None or condition.type != "identifier":
        return False
    binding = model.resolve(condition)
    if binding is None or not function.contains(binding.node):
        return False  # a flag of the enclosing scope may be set by earlier calls
    initial = syntax.text(syntax.unwrap(binding.init)) if binding.init is not None else "undefined"
    if initial not in (_TRUTHY if negated else _FALSY):
        return False  # the exit may run on the initial value
    writes = [r for r in binding.references if r.is_write]
    return bool(writes) and all(not _directly_in(r.node, function) for r in writes)


def _directly_in(node: Node, function: Function) -> bool:
    """Inside ``function`` and not inside a closure nested in it."""
    current = node.parent
    while current is not None and current != function.node:
        if current.type in FUNCTION_NODE_KINDS:
            return False
        current = current.parent
    return current is not None
