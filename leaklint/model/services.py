"""Process services: a class whose instance listens on a port and has no way to stop.

Such an object (an `Engine`, an `App` with `start()` that calls
`server.listen(port)`) is made once per port, so a bounded number of times,
and with no `close()` / `stop()` / `destroy()` it runs until the process
exits.  What its set-up starts once per instance (a housekeeping interval)
lives as long as the process, like code at module top level.

Once per instance: the constructor, a method named like set-up (`start`,
`init`, …), and a method that the class calls on `this` (or on an alias such
as `const self = this`) only from those.  Both ES2015 classes and ES5
constructor functions with `F.prototype.m = function …` count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.scopes import Function
from leaklint.model.shape import es5_class_binding, es5_instances, is_function_binding, is_this_or_alias
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

# Methods that stop an instance: their presence says instances are meant to end.
STOP_NAMES = re.compile(
    r"^_*(?:close|stop|destroy|dispose|shutdown|end|quit|terminate|teardown|kill|disconnect|unlisten)(?:[A-Z_]\w*)?$"
)
_MAX_DEPTH = 8


@dataclass(frozen=True)
class Service:
    """A class that listens on a port and cannot be stopped, and the method that starts its work once."""

    name: str
    node: Node  # the class, or the constructor function of an ES5 class
    listen: Node  # the `.listen(…)` call
    member: str  # the once-per-instance member the code in question is in


def service_member(model: FileModel, function: Function | None) -> Service | None:
    """The service whose once-per-instance member ``function`` is (or is nested in), or None."""
    found = _enclosing_once_member(model, function)
    if found is None:
        return None
    if any(STOP_NAMES.match(n) for n in found.table):
        return None  # instances are meant to stop: what they start must stop with them
    listen = _listen_call(model, found.table)
    if listen is None:
        return None
    return Service(found.class_name, found.class_node, listen, found.member)


@dataclass(frozen=True)
class _EnclosingMember:
    """The nearest enclosing function that is a class member, with its class's member table."""

    function: Function  # the member's own function (``function`` itself or an enclosing one)
    class_name: str
    class_node: Node
    table: dict[str, list[Function]]  # member name -> functions
    member: str  # the member's name


def _enclosing_once_member(model: FileModel, function: Function | None) -> _EnclosingMember | None:
    """The nearest class member that ``function`` is (or is nested in), if that member runs once
    per instance (the constructor, a set-up member, or one only they call on `this`); None when
    the nearest member runs more often or there is none."""
    current = function
    while current is not None:
        members = _members(model, current)
        if members is not None:
            name, node, table, member = members
            if not _once_per_instance(model, member, table, 0, set()):
                return None
            return _EnclosingMember(current, name, node, table, member)
        current = current.parent
    return None


def _members(model: FileModel, function: Function) -> tuple[str, Node, dict[str, list[Function]], str] | None:
    """(class name, class node, member name -> functions, this function's member name) for a class member."""
    info = function.class_info
    if info is not None and function.method_name:
        table: dict[str, list[Function]] = {}
        for candidate in model.functions:
            if candidate.class_info is info and candidate.method_name:
                table.setdefault(candidate.method_name, []).append(candidate)
        return info.name or "the class", info.node, table, function.method_name
    from leaklint.model.shape import _prototype_owner

    owner_binding = None
    member = None
    context = function.context
    if context and context[0] == "assigned":
        owner = _prototype_owner(model, context[1])
        if owner is not None:
            owner_binding = model.resolve(owner)
            member = syntax.text(syntax.unwrap(context[1]).child_by_field_name("property"))
    elif context and context[0] == "declared" and function.node.type == "function_declaration":
        owner_binding = context[1]
        member = "constructor"
    if owner_binding is None or member is None or not is_function_binding(owner_binding):
        return None
    table = {}
    for candidate in model.functions:
        c = candidate.context
        if c and c[0] == "assigned":
            owner = _prototype_owner(model, c[1])
            if owner is not None and model.resolve(owner) is owner_binding:
                table.setdefault(syntax.text(syntax.unwrap(c[1]).child_by_field_name("property")), []).append(candidate)
    if not table:
        return None  # a plain function, not an ES5 class
    constructor = model.function_of(owner_binding.declaration if owner_binding.kind == "function" else owner_binding.init)
    if constructor is not None:
        table.setdefault("constructor", []).append(constructor)
    return owner_binding.name, owner_binding.declaration, table, member


def unstoppable_instance_member(model: FileModel, function: Function | None) -> str | None:
    """The class whose instance what ``function`` starts lives as long as, by design, or None.

    ``function`` is (or is nested in) the constructor or a set-up member of a class that has no
    member named like a stop (`close`, `stop`, `destroy`, …), and neither this file nor the
    project link shows instances made over and over (a `new` of the class in code that repeats,
    or a linked ``per-call`` instance count).  Such a class gives its users no way to end what
    it starts: what its constructor starts is meant to last as long as the instance, which is
    usually as long as the process (an expiring map's sweep, a pool endpoint's timeout check).
    The timers rule asks this only for a handle that is also `unref()`'d, the author's word that
    the timer is not meant to end before the process does (``timers.background_timer_classes``).
    """
    found = _enclosing_once_member(model, function)
    if found is None:
        return None
    if any(STOP_NAMES.match(n) for n in found.table) or _may_inherit_a_stop(model, found.function):
        return None  # instances are meant to stop: what they start must stop with them
    name = found.class_name
    linked = model.external.class_instances(name)
    if linked is not None and linked.state == "per-call":
        return None
    for made in _instances_in_file(model, name):
        maker = model.function_at(made)
        if maker is not None and maker.method_name != "constructor" and model.frequency(maker).runs_repeatedly:
            return None  # `new Cache()` per request here: one more timer per call
    return name


# Superclasses with no member that stops an instance (a stream's `destroy()`, a server's `close()` do).
_EXTENDS = re.compile(r"^\s*extends\s+([\w$.]+)")
_STOPLESS_SUPERCLASSES = frozenset({"Map", "Set", "WeakMap", "Array", "Object", "Error", "EventEmitter", "events.EventEmitter"})


def _may_inherit_a_stop(model: FileModel, function: Function) -> bool:
    """The class extends one that has (or may have) a stop member: a class of the file with one, up
    the chain, or a superclass this file does not show (imported, a framework's base)."""
    info = function.class_info
    seen = 0
    while info is not None and info.superclass and seen < _MAX_DEPTH:
        seen += 1
        match = _EXTENDS.match(info.superclass)  # the heritage text: `extends Map`, `extends Base<T> implements I`
        if match is None:
            return False  # `implements I` alone: nothing inherited
        superclass = match.group(1)
        if superclass in _STOPLESS_SUPERCLASSES:
            return False
        parent = next((c for c in model.classes if c.name == superclass), None)
        if parent is None:
            return True  # `extends Adapter` of another module: its `close()` is not known here
        if any(STOP_NAMES.match(n) for n in parent.methods):
            return True
        info = parent
    return False


def _instances_in_file(model: FileModel, name: str) -> list[Node]:
    """The `new Name(…)` expressions of the file."""
    found = []
    for node in model.nodes("new"):
        if node.type != "new_expression":
            continue
        constructor = syntax.unwrap(node.child_by_field_name("constructor"))
        if constructor is not None and constructor.type == "identifier" and syntax.text(constructor) == name:
            found.append(node)
    return found


def once_in_single_instance(model: FileModel, function: Function | None) -> str | None:
    """Why ``function`` runs once for the process, or None.

    It is a member of a class the program makes once (at module level, or
    once across the project) that only the constructor and set-up members
    call on `this`, and that nothing in the file calls on another receiver:
    `module.exports = new Stats()` whose constructor calls
    `this._addInterval()`.
    """
    if function is None:
        return None
    members = _members(model, function)
    if members is None:
        return None
    _, _, table, member = members
    reason = _single_instance(model, function)
    if reason is None:
        return None
    if member != "constructor" and any(not is_this_or_alias(model, s.receiver) for s in model.method_calls(member)):
        return None  # `stats._addInterval()` from elsewhere: not only the constructor's
    if not _once_per_instance(model, member, table, 0, set()):
        return None
    return reason


def _single_instance(model: FileModel, function: Function) -> str | None:
    info = function.class_info
    if info is not None:
        lifetime = model.instance_lifetime(info)
        return lifetime.reason if lifetime.is_long_lived else None
    binding = es5_class_binding(model, function)
    if binding is None:
        return None
    linked = model.external.class_instances(binding.name)
    if linked is not None:
        return linked.reason if linked.state == "once" else None
    made = es5_instances(model, binding)
    if len(made) == 1 and model.function_at(made[0]) is None:
        return f"the single instance of `{binding.name}` created at module level"
    return None


def _once_per_instance(model: FileModel, member: str, table: dict, depth: int, seen: set) -> bool:
    from leaklint.model.shape import is_once_name

    if member == "constructor" or is_once_name(member.lstrip("_"), model.options.once_names):
        return True
    if depth > _MAX_DEPTH or member in seen:
        return False
    seen.add(member)
    callers = []
    for site in model.method_calls(member):
        if not is_this_or_alias(model, site.receiver):
            continue
        caller = _member_containing(site.node, table)
        if caller is None:
            return False  # called from outside the class's members
        callers.append(caller)
    return bool(callers) and all(_once_per_instance(model, c, table, depth + 1, seen) for c in callers)


def _member_containing(node: Node, table: dict[str, list[Function]]) -> str | None:
    best = None
    for name, functions in table.items():
        for function in functions:
            if function.contains(node) and (best is None or function.node.start_byte > best[1]):
                best = (name, function.node.start_byte)
    return best[0] if best is not None else None


def _listen_call(model: FileModel, table: dict[str, list[Function]]) -> Node | None:
    """A `.listen(…)` call made in one of the class's members: the instance serves a port."""
    functions = [f for fs in table.values() for f in fs]
    for site in model.method_calls("listen"):
        if site.arguments and any(f.contains(site.node) for f in functions):
            return site.node
    return None
