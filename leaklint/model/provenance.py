"""Lifetimes from where a value comes from: locals kept by closures that outlive their factory.

`function createRPC() { const pending = new Map(); function request() { pending.set(…) } return { request } }`:
`pending` is a local of `createRPC()`, but the closure it returns keeps it,
and every call of `request()` sees the same Map.  Whatever that closure adds
to it stays for as long as the closure is kept: a collection (LL001) or an
emitter (LL002) of a factory is as long-lived as the closure that captures it.

A closure outlives the call that makes it when the call returns it (alone,
in an object or array literal, or through a local function named in one), when
it is stored in a long-lived place (`module.exports.x = fn`, `global.x = fn`),
or when it is registered as a request/connection handler (`app.get(url, fn)`)
or as a listener on a long-lived receiver (`process.on('message', fn)`).
A callback handed to anything else (`forEach`, `new Promise`, a listener on
a stream or a parameter, a React effect) dies with the call, or with the
object it was given to: a local it captures stays short-lived.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import HandlerKind
from leaklint.model.scopes import Binding, Function
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.lifetime import LifetimeFact

# Per-instance factories of UI frameworks: what their closures keep lives as long as one component.
_PER_INSTANCE_FACTORY = re.compile(r"^(?:use[A-Z$]\w*|setup|data)$")
# Nodes a returned value may sit in on its way to `return`: `return { request }`, `return [get, set]`.
_RETURN_PATH = frozenset(
    {"object", "pair", "array", "parenthesized_expression", "shorthand_property_identifier", "as_expression",
     "satisfies_expression", "spread_element", "sequence_expression"}
)
_KEEPING_HANDLERS = (HandlerKind.REQUEST, HandlerKind.CONNECTION)


def _kept_after(model: FileModel, function: Function, owner: Function) -> str | None:
    """Why ``function`` (nested in ``owner``) is still reachable once ``owner`` has returned, or None."""
    label = f"`{function.name}`" if function.name else "the closure"
    if function.parent is owner and _returned_by(model, function, owner):
        return _returned_reason(model, label, owner)
    frequency = model.frequency(function)
    context = function.context
    sites = []
    if context and context[0] in ("argument", "option"):
        sites.append(context[1])
    elif context and context[0] == "declared" and isinstance(context[1], Binding):
        for reference in context[1].reads:
            parent = reference.node.parent
            if parent is not None and parent.type == "arguments" and parent.parent is not None:
                sites.append(parent.parent)
            elif function.parent is owner and _flows_to_return(model, reference.node, owner):
                return _returned_reason(model, label, owner)
    for call in sites:
        if call.type != "call_expression":
            continue
        if frequency.handler in _KEEPING_HANDLERS:
            if _registrar_made_in(model, call, owner):
                continue  # `net.createServer(fn)`, `server.on('connection', fn)` on a server made by this call
            return f"{label}, registered as a {frequency.handler.value} handler"
        if frequency.handler is HandlerKind.EVENT:
            site = model.call_site(call)
            receiver = model.lifetime(site.receiver) if site.receiver is not None else None
            if receiver is not None and receiver.is_long_lived and not receiver.inferred:
                return f"{label}, a listener on `{model.node_text(site.receiver, 30)}` ({receiver.reason})"
    if context and context[0] == "assigned":
        left = syntax.unwrap(context[1])
        root = left
        while root is not None and root.type in ("member_expression", "subscript_expression"):
            root = syntax.unwrap(root.child_by_field_name("object"))
        if root is not None and root is not left and root.type == "identifier":
            if syntax.text(root) in ("module", "exports") and model.is_global(root):
                return f"{label}, exported as `{model.node_text(left, 40)}`"
            if _state_holder(model, root):
                return f"{label}, stored in `{model.node_text(left, 40)}`"
    return None


def _returned_reason(model: FileModel, label: str, owner: Function) -> str | None:
    """Why a returned closure outlives the call, or None when every caller in the file holds it only briefly.

    `const undo = cachedStrFunc(fn)` inside a function keeps the closure (and
    its cache) for one call of that function; a factory with no caller in the
    file (exported) or one whose result is kept at module level or in a field
    hands out a closure that lives on.
    """
    calls = _calls_of(model, owner)
    if calls and all(_held_briefly(model, call) for call in calls):
        return None
    return f"{label}, which {model.describe_function(owner)} returns"


def _calls_of(model: FileModel, owner: Function) -> list[Node]:
    """Direct calls of ``owner`` by its name in this file."""
    context = owner.context
    binding = context[1] if context and context[0] == "declared" and isinstance(context[1], Binding) else None
    if binding is None:
        return []
    calls = []
    for reference in binding.reads:
        parent = reference.node.parent
        if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == reference.node:
            calls.append(parent)
    return calls


def _held_briefly(model: FileModel, call: Node) -> bool:
    """A call inside a function whose result goes into a local, or is used on the spot."""
    if model.function_at(call) is None:
        return False  # module top level: kept for the life of the module
    parent = call.parent
    while parent is not None and parent.type in ("parenthesized_expression", "await_expression"):
        parent = parent.parent
    if parent is None:
        return True
    if parent.type == "variable_declarator":
        return True  # a local: the function's own scope
    if parent.type in ("assignment_expression", "augmented_assignment_expression", "return_statement", "pair",
                       "array", "arguments", "export_statement"):
        return False  # stored, returned or handed on: kept as long as whoever receives it
    return True


def _registrar_made_in(model: FileModel, call: Node, owner: Function) -> bool:
    """The object a handler is registered with is made per call: by this call, or held in a function's local.

    A parameter (`function mount(app)`) or a module binding is given to the
    factory and outlives it; a local of the factory or of a function around it
    (a test's own server) lives as long as that call.
    """
    site = model.call_site(call)
    receiver = syntax.unwrap(site.receiver)
    if receiver is None or (site.method or site.name) in ("createServer", "createSecureServer"):
        return True  # `createServer(fn)`: the server is this call's result
    root = receiver
    while root is not None and root.type in ("member_expression", "subscript_expression", "call_expression"):
        inner = root.child_by_field_name("object") or root.child_by_field_name("function")
        root = syntax.unwrap(inner)
    if root is None or root.type != "identifier":
        return False  # `this.app.get(…)`: the instance's own registrar
    binding = model.resolve(root)
    if binding is None or binding.is_module_level:
        return False  # module-wide
    if binding.kind == "param":
        return owner.contains(binding.node) and binding.scope.owner is not owner  # an inner callback's parameter
    return True  # a local of this or an enclosing call: made per call (a test's own server)


def _state_holder(model: FileModel, root: Node) -> bool:
    """`global`, `window`, or a module-level binding that holds the module's own state (not an import)."""
    from leaklint.model.imports import is_require_call
    from leaklint.model.lifetime import LONG_LIVED_GLOBALS

    binding = model.resolve(root)
    if binding is None:
        return model.is_global(root) and syntax.text(root) in LONG_LIVED_GLOBALS
    if not binding.is_module_level or binding.kind not in ("const", "let", "var"):
        return False
    init = syntax.unwrap(binding.init)
    return init is not None and not is_require_call(init) and init.type in ("object", "array", "new_expression")


def _returned_by(model: FileModel, function: Function, owner: Function) -> bool:
    """`return fn`, `return { m() {…} }`, `() => (x) => …`: the closure is ``owner``'s result."""
    context = function.context
    if context and context[0] == "returned":
        return context[1] is owner
    return _flows_to_return(model, function.node, owner)


def _flows_to_return(model: FileModel, node: Node, owner: Function) -> bool:
    """``node`` is the value of a `return` of ``owner`` or sits in an object/array literal that is."""
    current = node
    parent = current.parent
    if parent is not None and parent.type == "method_definition" and parent.child_by_field_name("name") is current:
        current, parent = parent, parent.parent
    while parent is not None and parent.type in _RETURN_PATH:
        current, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type == "return_statement":
        return model.function_at(parent) is owner
    if parent.type == "arrow_function" and parent.child_by_field_name("body") == current:
        return parent.start_byte == owner.node.start_byte
    return False


def keeping_closures(model: FileModel, binding: Binding | None) -> list[tuple[Function, str]]:
    """The closures that keep a local of a function alive after the call, and capture it; [] if none.

    Only a `const` (or a `let`/`var` never assigned again) qualifies: the
    closure must see the same object on every call.
    """
    if binding is None or binding.is_module_level or binding.kind not in ("const", "let", "var"):
        return []
    if binding.kind != "const" and binding.writes:
        return []
    owner = binding.scope.owner
    if owner is None or _not_a_factory(model, owner):
        return []
    # only the functions between a reference and the factory can keep it: ask about those alone
    candidates: dict[int, Function] = {}
    for reference in binding.references:
        function = model.function_at(reference.node)
        while function is not None and function is not owner:
            candidates.setdefault(function.node.start_byte, function)
            function = function.parent
    cache = model.fact("kept-after", lambda m: {})
    kept = []
    for key in sorted(candidates):
        closure = candidates[key]
        slot = (key, owner.node.start_byte)
        if slot not in cache:
            cache[slot] = None  # cycle guard: a receiver's lifetime may ask about this closure again
            cache[slot] = _kept_after(model, closure, owner)
        why = cache[slot]
        if why is not None:
            kept.append((closure, why))
    return kept


def _not_a_factory(model: FileModel, owner: Function) -> bool:
    """UI hooks and setup functions (per component instance), top-level IIFEs (module scope), components."""
    from leaklint import components
    from leaklint.model.shape import is_top_level_iife, simple_name

    name = simple_name(owner) or ""
    return bool(_PER_INSTANCE_FACTORY.match(name)) or is_top_level_iife(model, owner) or components.is_component(model.path)


def kept_local_at(model: FileModel, use: Node | None) -> LifetimeFact | None:
    """A local of a factory, used inside a closure that outlives the factory's call: the same object each call.

    Long-lived (inferred): it lives as long as the closure does, and the
    closure outlives the call that made the local.  Uses in the factory
    itself see a new object per factory call and get no fact here.
    """
    from leaklint.model.lifetime import Lifetime, LifetimeFact

    use = syntax.unwrap(use)
    if use is None or use.type != "identifier":
        return None
    binding = model.resolve(use)
    for closure, why in keeping_closures(model, binding):
        if closure.contains(use):
            return LifetimeFact(
                Lifetime.LONG_LIVED,
                f"`{binding.name}` of {model.describe_function(binding.scope.owner)}, kept by {why}: "
                "the same object on every call of that closure",
                binding.node,
                inferred=True,
            )
    return None


def kept_collection_bindings(model: FileModel) -> list[tuple[Binding, list[tuple[Function, str]]]]:
    """Locals initialised to an empty or seeded collection and kept by closures that outlive their function."""
    from leaklint.model.collections import collection_kind

    found = []
    for binding in model.scopes.bindings:
        if binding.is_module_level or binding.kind not in ("const", "let", "var") or binding.scope.owner is None:
            continue
        if collection_kind(binding.init) is None:
            continue
        kept = keeping_closures(model, binding)
        if kept:
            found.append((binding, kept))
    return found


def hands_off(model: FileModel, binding: Binding) -> list[Node]:
    """References that give the collection itself away: returned, passed to a call, spread into a literal."""
    found = []
    for reference in binding.reads:
        parent = reference.node.parent
        if parent is None:
            continue
        if parent.type in ("return_statement", "arguments", "spread_element"):
            found.append(reference.node)
        elif parent.type == "arrow_function" and parent.child_by_field_name("body") == reference.node:
            found.append(reference.node)
    return found


# -- c: what a same-file getter hands out ---------------------------------------------------------

_MAX_GETTER_DEPTH = 3


def pooled_value(model: FileModel, node: Node | None, depth: int = 0) -> LifetimeFact | None:
    """`await this.getConnection()` where the getter returns a pooled or cached member: the shared object.

    The getter must be a function of this file (a method of the class around
    the call through `this`, a method of a module-level object literal, or a
    declared function) whose every `return` hands out what a long-lived holder
    keeps: an entry read from a collection of `this` or of a module binding
    (`this.cache.get(k)`, `(pool.get(k) ?? [])[0]`), a field of `this`, or,
    for a cache-or-create `cached ?? await connect()`, such an entry first.
    What it returns is then the same object on every call that finds it, so
    listeners added to it per call pile up.  A getter that makes a new object
    (`return await connect()`) or that the file does not show stays unknown.
    """
    node = syntax.unwrap(node)
    while node is not None and node.type == "await_expression" and node.named_children:
        node = syntax.unwrap(node.named_children[0])
    holder = _pooled_holder(model, node, depth)
    where = f"`{holder}`" if holder is not None else _linked_pooled_holder(model, node)
    if where is None:
        return None
    from leaklint.model.lifetime import Lifetime, LifetimeFact

    callee = model.node_text(node.child_by_field_name("function"), 40)
    return LifetimeFact(
        Lifetime.LONG_LIVED,
        f"what `{callee}()` hands out is kept in {where}: the same object for every call that gets it",
        node,
        inferred=True,
    )


def module_pooled_holder(model: FileModel, function: Function | None) -> str | None:
    """The module-level holder every `return` of ``function`` reads from (`emitters[context][name]`), or None.

    The summary's form of ``pooled_value`` for a function other files call
    (`getEmitter('inboundRequest')` of a module that keeps one emitter per
    name in a module-level object): what such a call returns is the object
    the module keeps, the same one for every caller that asks for it.  Only
    holders rooted at a module-level binding: a `this` member says nothing of
    a plain function called from another file.
    """
    if function is None or function.body is None:
        return None
    returns = _returned_values(model, function)
    if not returns:
        return None
    holders = [_held_member(model, value, 0) for value in returns]
    if any(holder is None or holder == "this" or holder.startswith(("this.", "this[")) for holder in holders):
        return None
    return holders[0]


def _linked_pooled_holder(model: FileModel, call: Node) -> str | None:
    """`MyEventEmitter.getEmitter('x')` / `getEmitter('x')` of another file whose every return reads a module holder.

    The holder as the link words it (`` `emitters` in src/lib/MyEventEmitter.js ``), or None.
    """
    if not model.external.pooled_returns:
        return None
    callee = syntax.unwrap(call.child_by_field_name("function"))
    if callee is None:
        return None
    if callee.type == "identifier":
        root, local, member = callee, syntax.text(callee), ""
    elif callee.type == "member_expression":
        root = syntax.unwrap(callee.child_by_field_name("object"))
        prop = callee.child_by_field_name("property")
        if root is None or root.type != "identifier" or prop is None:
            return None
        local, member = syntax.text(root), syntax.text(prop)
    else:
        return None
    binding = model.resolve(root)
    if binding is None or not binding.is_module_level:
        return None  # a parameter or local that shares an imported name
    return model.external.pooled_return(local, member)


def _pooled_holder(model: FileModel, node: Node | None, depth: int) -> str | None:
    """The holder (`this.cache`) every `return` of the getter ``node`` calls reads from, or None."""
    if node is None or node.type != "call_expression" or depth > _MAX_GETTER_DEPTH:
        return None
    getter = _getter_function(model, node)
    if getter is None:
        return None
    returns = _returned_values(model, getter)
    if not returns:
        return None
    holders = [_held_member(model, value, depth) for value in returns]
    if any(holder is None for holder in holders):
        return None
    return holders[0]


def _getter_function(model: FileModel, call: Node) -> Function | None:
    """The same-file function a call runs: `this.m()` in a class, `obj.m()` of a module object, `f()`."""
    site = model.call_site(call)
    callee = syntax.unwrap(site.callee)
    if callee is None:
        return None
    if callee.type == "identifier":
        binding = model.resolve(callee)
        value = syntax.unwrap(binding.init) if binding is not None and binding.kind in ("const", "let") else None
        node = binding.declaration if binding is not None and binding.kind == "function" else value
        return model.function_of(node) if node is not None else None
    if callee.type != "member_expression" or site.method is None:
        return None
    receiver = syntax.unwrap(site.receiver)
    if receiver is not None and receiver.type == "this":
        function = model.function_at(call)
        function = function.this_owner if function is not None else None
        info = function.class_info if function is not None else None
        methods = info.methods.get(site.method, []) if info is not None else []
        return methods[0] if len(methods) == 1 else None
    if receiver is not None and receiver.type == "identifier":
        binding = model.resolve(receiver)
        init = syntax.unwrap(binding.init) if binding is not None and binding.is_module_level else None
        if init is None or init.type != "object":
            return None
        for member in init.named_children:
            if member.type == "method_definition":
                name = member.child_by_field_name("name")
                if name is not None and syntax.text(name) == site.method:
                    return model.function_of(member)
            elif member.type == "pair":
                key = member.child_by_field_name("key")
                if key is not None and syntax.text(key) == site.method:
                    return model.function_of(syntax.unwrap(member.child_by_field_name("value")))
    return None


def _returned_values(model: FileModel, function: Function) -> list[Node]:
    """The expressions ``function`` returns (its own `return`s, or an arrow's expression body)."""
    body = function.body or function.node.child_by_field_name("body")
    if body is None:
        return []
    if body.type != "statement_block":
        return [body]
    statements = syntax.own_return_statements(body)
    if any(not statement.named_children for statement in statements):
        return []  # `return;`: nothing handed out on that path
    return [statement.named_children[0] for statement in statements]


def _held_member(model: FileModel, value: Node | None, depth: int) -> str | None:
    """The text of the long-lived holder a returned value is read from, or None."""
    value = syntax.unwrap(value)
    while value is not None and value.type in ("await_expression", "parenthesized_expression") and value.named_children:
        value = syntax.unwrap(value.named_children[0])
    if value is None:
        return None
    if value.type == "binary_expression":
        operator = value.child_by_field_name("operator")
        if operator is not None and operator.type in ("??", "||"):
            return _held_member(model, value.child_by_field_name("left"), depth)  # the cached one, else a new one
        return None
    if value.type == "call_expression":
        site = model.call_site(value)
        if site.method == "get" and site.receiver is not None and _long_lived_root(model, site.receiver):
            return model.node_text(site.receiver, 40)
        return _pooled_holder(model, value, depth + 1)
    if value.type == "subscript_expression":
        return _held_member(model, value.child_by_field_name("object"), depth) or (
            model.node_text(value.child_by_field_name("object"), 40)
            if _long_lived_root(model, value.child_by_field_name("object")) else None
        )
    if value.type == "member_expression":
        obj = syntax.unwrap(value.child_by_field_name("object"))
        if obj is None or obj.type != "this":
            return None
        from leaklint.model.lifetime import fresh_value_at

        if fresh_value_at(model, value) is not None:
            return None  # `this.conn = await connect(); return this.conn`: a new one per call
        return model.node_text(value, 40)  # a field of the instance: one object for every call on it
    return None


def _long_lived_root(model: FileModel, node: Node | None) -> bool:
    """`this.cache`, `pool.entries`, `POOL`: a member path rooted at `this` or at a module-level binding."""
    node = syntax.unwrap(node)
    if node is None or node.type not in ("member_expression", "subscript_expression", "identifier"):
        return False
    root = node
    while root is not None and root.type in ("member_expression", "subscript_expression"):
        root = syntax.unwrap(root.child_by_field_name("object"))  # `emitters[context][name]`: rooted at `emitters`
    if root is None:
        return False
    if root.type == "this":
        return node.type in ("member_expression", "subscript_expression")
    if root.type != "identifier":
        return False
    binding = model.resolve(root)
    return binding is not None and binding.is_module_level and binding.kind in ("const", "let", "var")
