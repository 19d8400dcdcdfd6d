"""Removals that do not bound a cache: a lookup that fills it on demand, emptied only when asked.

A memoising cache (`if (!cache[k]) cache[k] = load(k)`) filled from other
files on every request or message keeps one entry per distinct key. A
`remove(k)` elsewhere (called when the entity is deleted) or a `removeAll()`
(called from an admin action) empties it only for keys someone names later:
every key that is looked up and never deleted by name stays, including the
made-up ones a request can send. That is not an eviction policy.

Removals that do bound it, and keep the collection silent: one in the
growing function itself (trimming, LRU), one in a timer callback or in a
loop over the collection's own entries (a sweep, whoever calls it),
one in a listener this file registers (`socket.on('close', () =>
cache.delete(id))`, or one for the end of the entry's resource, `term.onExit(() =>
cache.delete(id))`: the entry's lifecycle), one in a disposer the enclosing
function returns (`return () => cache.delete(id)`, run by whoever ends the
entry), queue trimming (`shift`, `pop`,
`splice`, `length = …`) and a size test (`cache.size > MAX`).

Nor is a registry of open resources a cache (``_closes_what_it_removes``):
when every removal closes the entry it removes first (`await old.close();
m.delete(k)`, or `clear()` after closing every value), an entry lasts as long
as its resource is open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import HandlerKind
from leaklint.model.frequency import Evidence, FrequencyFact
from leaklint.model.shape import growth_key, key_source, memoising_check
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.collections import Collection

_TRIMMING_METHODS = frozenset({b"shift", b"pop", b"splice"})


@dataclass(frozen=True)
class NamedRemovalOnly:
    """A cache grown from other files whose only removals run when code names what to remove."""

    growth: Node  # the growth site
    fact: FrequencyFact  # the growing function's (linked) frequency
    lookup: Node  # the memoising lookup in the growing function
    removal: Node  # the first removal
    key: str  # where the key comes from ("its parameter `id`")
    same_file: bool = False  # the growth's frequency is the file's own (a request handler), the removal exported


def named_removal_only(model: FileModel, collection: Collection) -> NamedRemovalOnly | None:
    """The evidence when the collection's evictions are all on-demand removals (see the module doc), else None.

    Only growth whose frequency the project link supplies (callers in other
    files) is considered: within one file, the eviction paths are the
    growth rule's own business.
    """
    for node in collection.growth:
        function = model.function_at(node)
        if function is None:
            continue
        fact = model.frequency(function)
        same_file = fact.evidence in (Evidence.HANDLER, Evidence.SHAPE) and fact.repeats_for_sure and (
            (fact.handler or fact.trigger) in _PER_REQUEST
        )
        if not same_file and (fact.evidence is not Evidence.PROJECT or not fact.runs_repeatedly):
            continue
        key = growth_key(node) or _first_argument(node)
        source = key_source(model, key, function) if key is not None else None
        if source is None and same_file:
            outer = _handler_around(model, function)  # `res.redirect = (…) => { c[key] = … }` in the middleware
            source = key_source(model, key, outer) if key is not None and outer is not None else None
        if source is None:
            continue
        lookup = None
        for looking in _self_and_enclosing(function, 2 if same_file else 0):
            lookup = (
                memoising_check(model, collection.path, looking)
                or _tested_entry(model, collection.path, looking)
                or _earlier_read(model, collection.path, looking, node)
            )
            if lookup is not None:
                break
        if lookup is None:
            continue
        if any(_bounds(model, removal, function, collection.path) for removal in collection.evictions):
            return None
        if same_file and not all(_exported_on_demand(model, removal) for removal in collection.evictions):
            return None  # within one file, only an exported removal the file never calls is on demand
        if HandlerKind.CONNECTION in (fact.handler, fact.trigger) and any(
            _per_connection(model, removal) for removal in collection.evictions
        ):
            return None  # filed and removed once per connection: `addClient(id, ws)`, `removeClient(id, ws)`
        if all(_closes_what_it_removes(model, removal, collection) for removal in collection.evictions):
            return None  # a registry of open resources: each entry goes when its resource is closed
        return NamedRemovalOnly(node, fact, lookup, min(collection.evictions, key=lambda n: n.start_byte), source,
                                same_file=same_file)
    return None


_PER_REQUEST = frozenset({HandlerKind.REQUEST, HandlerKind.CONNECTION})


def _per_connection(model: FileModel, removal: Node) -> bool:
    """A removal in a function that runs once per connection: it takes the socket (`removeClient(id, ws)`).

    Such a removal is the connection's own end (its 'close' listener calls it),
    not a key some code may or may not name.
    """
    function = model.function_at(removal)
    while function is not None:
        fact = model.frequency(function)
        if HandlerKind.CONNECTION in (fact.handler, fact.trigger):
            return True
        function = function.parent
    return False


# Methods that end an open resource (a session, a connection, a child process).
_CLOSING_METHODS = frozenset({"close", "destroy", "dispose", "end", "terminate", "kill", "disconnect"})


def _closes_what_it_removes(model: FileModel, removal: Node, collection: Collection) -> bool:
    """The removal's function closes what it removes first: `const old = m.get(k); if (old) { await
    old.close(); m.delete(k) }`, or `m.clear()` after closing every value of `m`.

    Such a map is a registry of open resources (agent-afk's live sessions): an entry lasts as long as its
    resource is open, and whoever closes one removes it; how long a resource stays open is not the map's
    growth.  The per-key form needs the closed value read from the map under the removed key's text.
    """
    function = model.function_at(removal)
    if function is None:
        return False
    path_text = _receiver_text(removal)
    if path_text is None:
        return False
    closes = [
        site for site in model.method_calls(*_CLOSING_METHODS)
        if function.contains(site.node) and site.node.start_byte < removal.start_byte and site.receiver is not None
    ]
    if not closes:
        return False
    if removal.type == "call_expression" and _method_name(removal) == "clear":
        # `Array.from(this.sessions.values()).map(s => s.close())` or a loop over them, then `clear()`
        body = model.source[function.node.start_byte:removal.start_byte]
        return (path_text + ".values()").encode() in body or (path_text + ".forEach(").encode() in body
    key = _removed_key_text(removal)
    if key is None:
        return False
    for site in closes:
        receiver = syntax.unwrap(site.receiver)
        binding = model.resolve(receiver) if receiver is not None and receiver.type == "identifier" else None
        init = syntax.unwrap(binding.init) if binding is not None and binding.init is not None else None
        if init is not None and init.type == "call_expression" and _method_name(init) == "get" \
                and _receiver_text(init) == path_text and _first_argument_text(init) == key:
            return True
    return False


def _method_name(call: Node) -> str | None:
    callee = syntax.unwrap(call.child_by_field_name("function"))
    prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
    return syntax.text(prop) if prop is not None else None


def _receiver_text(call: Node) -> str | None:
    if call.type != "call_expression":
        return None
    callee = syntax.unwrap(call.child_by_field_name("function"))
    obj = callee.child_by_field_name("object") if callee is not None and callee.type == "member_expression" else None
    return syntax.text(obj) if obj is not None else None


def _first_argument_text(call: Node) -> str | None:
    arguments = call.child_by_field_name("arguments")
    named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    return syntax.text(syntax.unwrap(named[0])) if named else None


def _removed_key_text(removal: Node) -> str | None:
    if removal.type == "call_expression" and _method_name(removal) == "delete":
        return _first_argument_text(removal)
    return None


def _self_and_enclosing(function, levels: int):
    yield function
    for _ in range(levels):
        function = function.parent
        if function is None:
            return
        yield function


def _handler_around(model: FileModel, function):
    outer = function.parent
    while outer is not None:
        if model.frequency(outer).is_request_handler:
            return outer
        outer = outer.parent
    return None


def _exported_on_demand(model: FileModel, removal: Node) -> bool:
    """A removal by the caller's key in an exported function the file never calls itself (`removeCache(url)`).

    Its callers are elsewhere: when they call it (an admin action, an
    invalidation for one URL) depends on them, and the project link says no
    repeating caller there (otherwise its frequency would be the link's).
    """
    function = model.function_at(removal)
    if function is None or function.parent is not None:
        return False
    if not function.exported and not (function.context and function.context[0] == "assigned"
                                      and syntax.text(function.context[1]).startswith(("module.exports.", "exports."))):
        return False
    if model.frequency(function).evidence is not Evidence.API:
        return False  # called in the file, or by a handler or timer in another file
    name = (function.name or "").rsplit(".", 1)[-1]
    if not name or len(re.findall(rb"(?<![\w$])" + re.escape(name.encode()) + rb"(?![\w$])", model.source)) > 1:
        return False  # mentioned again in the file: maybe called from a listener here
    key = _removal_key(removal)
    if key is None or key.type != "identifier":
        return False
    binding = model.resolve(key)
    return binding is not None and binding.kind == "param" and any(p is binding for p in function.params)


def _removal_key(removal: Node) -> Node | None:
    if removal.type == "call_expression":
        arguments = removal.child_by_field_name("arguments")
        named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
        return syntax.unwrap(named[0]) if named else None
    if removal.type == "unary_expression":
        argument = syntax.unwrap(removal.child_by_field_name("argument"))
        if argument is not None and argument.type == "subscript_expression":
            return syntax.unwrap(argument.child_by_field_name("index"))
    return None


def _bounds(model: FileModel, removal: Node, growing, path) -> bool:
    """Whether a removal bounds the collection however the growth is called."""
    if removal.type in ("binary_expression", "identifier"):
        return True  # a size test; a write of the binding itself (replaced by whoever runs it)
    if removal.type == "call_expression":
        callee = syntax.unwrap(removal.child_by_field_name("function"))
        prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
        if prop is not None and prop.text in _TRIMMING_METHODS:
            return True
    if removal.type == "assignment_expression":
        left = removal.child_by_field_name("left")
        prop = left.child_by_field_name("property") if left is not None and left.type == "member_expression" else None
        if prop is not None and prop.text == b"length":
            return True
    if _in_sweep(model, removal, path):
        return True  # a loop over the collection itself deletes what a test picks: a policy, not a name
    function = model.function_at(removal)
    if function is None:
        return True  # module top level: whatever it is, it is not on demand
    if growing is not None and (function is growing or growing.contains(removal)):
        return True
    outer = function
    while outer is not None:
        fact = model.frequency(outer)
        if fact.evidence in (Evidence.HANDLER, Evidence.TIMER):
            return True  # a listener or timer of this file: the entry's lifecycle, or a sweep
        if HandlerKind.TIMER in (fact.handler, fact.trigger):
            return True  # called from a timer in another file
        if syntax.is_returned_function(outer.node):
            return True  # a disposer handed to the caller (`return () => m.delete(k)`): run when the entry ends
        if closing_callback(outer) is not None:
            return True  # `term.onExit(() => m.delete(id))`: the entry's resource ends, and takes it along
        outer = outer.parent
    return False


# `pty.onExit(cb)`, `channel.onClose(cb)`, `editor.onDidDispose(cb)`: a method that registers a callback for
# the end of its receiver (node-pty, VS Code's and Monaco's `onDid…` events, many clients' own `onClose`).
_CLOSING_WORDS = ("Exit", "Close", "Closed", "End", "Ended", "Disconnect", "Disconnected", "Dispose", "Destroy")
CLOSING_REGISTRATIONS = tuple(f"on{did}{word}" for did in ("", "Did") for word in _CLOSING_WORDS)


def closing_callback(function) -> Node | None:
    """The `x.onExit(cb)` call when ``function`` is the callback it registers for the end of `x`, else None.

    A removal in it runs when that resource ends, as one in `x.on('exit', cb)` does: an entry filed for the
    resource lives as long as it, not until some caller names the key.
    """
    context = function.context
    if not context or context[0] != "argument" or context[2] != 0:
        return None
    call = context[1]
    callee = syntax.unwrap(call.child_by_field_name("function")) if call.type == "call_expression" else None
    prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
    return call if prop is not None and syntax.text(prop) in CLOSING_REGISTRATIONS else None


_ITERATING_METHODS = frozenset({b"keys", b"entries", b"values"})


def _in_sweep(model: FileModel, removal: Node, path) -> bool:
    """`for (const [k, e] of this.byKey) if (expired(e)) this.byKey.delete(k)`, or `.forEach` over it.

    The deletion must be conditional: a test on each entry (expiry, idleness)
    is an eviction policy. A loop that deletes every entry is a clear-all,
    on demand like any other removal.
    """
    node = removal.parent
    tested = False
    while node is not None and node.type not in syntax.FUNCTION_KINDS and node.type != "program":
        if node.type in ("if_statement", "ternary_expression") or (
            node.type == "binary_expression" and node.child_by_field_name("operator").type in ("&&", "||")
        ):
            tested = True
        if node.type == "for_in_statement":
            return tested and _iterates(model, node.child_by_field_name("right"), path)
        node = node.parent
    if tested and node is not None and node.type in syntax.FUNCTION_KINDS:
        arguments = node.parent  # `coll.forEach((entry, key) => coll.delete(key))`
        call = arguments.parent if arguments is not None and arguments.type == "arguments" else None
        callee = syntax.unwrap(call.child_by_field_name("function")) if call is not None else None
        if callee is not None and callee.type == "member_expression":
            prop = callee.child_by_field_name("property")
            if prop is not None and prop.text == b"forEach":
                return _iterates(model, callee.child_by_field_name("object"), path)
    return False


def iterates_collection(model: FileModel, node: Node | None, path) -> bool:
    """Whether ``node`` walks the collection at ``path`` (``for … of`` it, its keys/values/entries)."""
    return _iterates(model, node, path)


def _iterates(model: FileModel, node: Node | None, path) -> bool:
    """`coll`, `coll.keys()`/`entries()`/`values()`, `Object.keys(coll)`/`entries`: the collection's own entries."""
    node = syntax.unwrap(node)
    if node is None:
        return False
    if node.type == "call_expression":
        callee = syntax.unwrap(node.child_by_field_name("function"))
        if callee is None or callee.type != "member_expression":
            return False
        prop = callee.child_by_field_name("property")
        obj = syntax.unwrap(callee.child_by_field_name("object"))
        if prop is None or prop.text not in _ITERATING_METHODS or obj is None:
            return False
        if obj.type == "identifier" and obj.text == b"Object":
            arguments = node.child_by_field_name("arguments")
            named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
            return bool(named) and model.access_path(named[0]) == path
        return model.access_path(obj) == path
    return model.access_path(node) == path


def _first_argument(node: Node) -> Node | None:
    """The key of a wrapper's growing method (`pads.store(id, pad)`): its first argument."""
    if node.type != "call_expression":
        return None
    arguments = node.child_by_field_name("arguments")
    named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    return named[0] if named else None


def _earlier_read(model: FileModel, path, function, growth: Node) -> Node | None:
    """`let d = docs.lookup(id); if (d) return d; … docs.store(id, d)`: another method of the same object first."""
    from leaklint.model.collections import reads_collection

    callee = syntax.unwrap(growth.child_by_field_name("function")) if growth.type == "call_expression" else None
    prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
    if prop is None or function.body is None:
        return None
    for node in syntax.walk(function.body):
        if node.start_byte >= growth.start_byte:
            break
        if node.type != "call_expression":
            continue
        other = syntax.unwrap(node.child_by_field_name("function"))
        method = other.child_by_field_name("property") if other is not None and other.type == "member_expression" else None
        if method is None or method.text == prop.text:
            continue
        if reads_collection(model, other.child_by_field_name("object"), path):
            return node
    return None


def _tested_entry(model: FileModel, path, function) -> Node | None:
    """`if (!cache[k])` / `if (cache[k])` in the function: a lookup of the same collection by key."""
    from leaklint.model.collections import reads_collection

    start, end = function.node.start_byte, function.node.end_byte
    body = function.body
    if body is None:
        return None
    for node in syntax.walk(body):
        if node.type != "if_statement" or not start <= node.start_byte < end:
            continue
        condition = node.child_by_field_name("condition")
        for inner in syntax.walk(condition) if condition is not None else ():
            if inner.type == "subscript_expression" and reads_collection(model, inner.child_by_field_name("object"), path):
                return inner
    return None
