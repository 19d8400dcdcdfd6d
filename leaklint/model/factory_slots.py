"""A factory's local shared by the methods of the object it returns: a slot that outlives each call.

`const interval = (handler, ms) => { let id = -1; return { start() { id =
setInterval(handler, ms) }, stop() { clearInterval(id) } } }` keeps `id` alive
as long as the object it returns: the local is that object's private field,
exactly as `this.id` would be in a class.  Each `start()` on one object sees
what the previous `start()` stored, so a store there can overwrite a running
handle, the way an ES5 constructor's `var` does (``hook_calls.
closure_slot_of_instance``).

``returned_object_slot`` says so when

- the binding is a `let` / `var` declared directly in a function (not at module
  level, not in the method itself: a local of one call is fresh every call);
- ``function`` is a method (or a function-valued property) of an object
  literal that function returns, directly (`return { … }`, an arrow's
  `=> ({ … })`) or through a local it returns (`const api = { … }; return api`);
- the binding is referred to by at least one other method of that object (the
  `stop()` that clears it, a getter that reads it): the methods share it, so it
  is state of the object and not scratch space of one method.

``members_reading`` names the members of that object that read the local
(`get isStarted() { return id !== -1 }`), so a test of `this.isStarted` around
the store is a test of the slot, the guard of the fixed side.

``returned_members`` lists the functions that are members of the object
literal a factory returns (`{ writeFrame(f) {…} }`, `{ writeFrame: (f) => … }`,
or `{ writeFrame }` naming an inner function), by member name: the project
summary hands them to the link, which carries the frequency of `enc.writeFrame()`
in another file (`const enc = createEncoder()`) to that member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.scopes import Binding, Function, ScopeKind
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel


def returned_object_slot(model: FileModel, binding: Binding | None, function: Function) -> bool:
    """``binding`` is a factory's local that ``function``, a method of the object the factory returns,
    shares with another method of that object: it lives as long as the object."""
    if binding is None or binding.kind not in ("let", "var") or binding.scope.kind is ScopeKind.MODULE:
        return False
    factory = binding.scope.function or binding.scope.owner
    if not isinstance(factory, Function) or factory is function or function.parent is not factory:
        return False
    obj = function.literal_object
    if obj is None or not _returned_by(model, factory, obj):
        return False
    for reference in binding.references:
        user = model.function_at(reference.node)
        while user is not None and user.parent is not factory:
            user = user.parent
        if user is not None and user is not function and user.literal_object == obj:
            return True
    return False


def members_reading(model: FileModel, binding: Binding, function: Function) -> frozenset[bytes]:
    """The names of the other members of ``function``'s object literal that refer to ``binding``."""
    obj = function.literal_object
    if obj is None:
        return frozenset()
    names = set()
    for reference in binding.references:
        member = reference.node
        while member is not None and member.parent is not None and member.parent != obj:
            member = member.parent
        if member is None or member.parent != obj or member.start_byte <= function.node.start_byte < member.end_byte:
            continue
        key = member.child_by_field_name("name") if member.type == "method_definition" else \
            member.child_by_field_name("key") if member.type == "pair" else None
        if key is not None:
            names.add(key.text)
    return frozenset(names)


def _returned_by(model: FileModel, factory: Function, obj: Node) -> bool:
    """``factory`` returns ``obj``: `return { … }`, `=> ({ … })`, or `const api = { … }; return api`."""
    parent = obj.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
        parent = parent.parent
    if parent is None:
        return False
    if parent.type == "return_statement":
        return model.function_at(parent) is factory
    if parent == factory.node and factory.body is not None and factory.body.start_byte <= obj.start_byte:
        return True  # an arrow whose body is the object
    if parent.type == "variable_declarator" and parent.child_by_field_name("value") is not None:
        name = parent.child_by_field_name("name")
        holder = model.resolve(name) if name is not None and name.type == "identifier" else None
        if holder is None or (holder.scope.function or holder.scope.owner) is not factory:
            return False
        for reference in holder.reads:
            up = reference.node.parent
            if up is not None and up.type == "return_statement" and model.function_at(up) is factory:
                return True
    return False


def returned_members(model: FileModel, factory: Function) -> list[tuple[str, Function]]:
    """(member name, function) of the object literals ``factory`` returns, on every path that returns one.

    Only members whose value is a function the file defines: a method, a function
    or arrow written in place, or a name bound to such a function. A factory that
    returns anything else on some path (a class instance, another call's result)
    says nothing about what its callers hold, and lists nothing.
    """
    from leaklint.model.provenance import _returned_values

    objects = []
    for value in _returned_values(model, factory):
        value = syntax.unwrap(value)
        if value is not None and value.type == "identifier":
            value = _local_object(model, factory, value)
        if value is None or value.type != "object":
            return []
        objects.append(value)
    found = []
    for obj in objects:
        for child in obj.named_children:
            if child.type == "method_definition":
                key, value = child.child_by_field_name("name"), child
            elif child.type == "pair":
                key, value = child.child_by_field_name("key"), syntax.unwrap(child.child_by_field_name("value"))
            elif child.type == "shorthand_property_identifier":
                key, value = child, child
            else:
                continue
            function = _member_function(model, value)
            if key is not None and function is not None:
                found.append((syntax.string_value(key) or syntax.text(key), function))
    return found


def _local_object(model: FileModel, factory: Function, name: Node) -> Node | None:
    """The object literal of `const api = { … }; return api`, a never-reassigned local of the factory."""
    holder = model.resolve(name)
    if holder is None or holder.kind != "const" or (holder.scope.function or holder.scope.owner) is not factory:
        return None
    return syntax.unwrap(holder.init) if holder.init is not None else None


def _member_function(model: FileModel, value: Node | None) -> Function | None:
    """The function a member's value is: written in place, or named (`{ writeFrame }`, `{ write: writeFrame }`)."""
    if value is None:
        return None
    if value.type in ("identifier", "shorthand_property_identifier"):
        binding = model.resolve(value)
        if binding is None:
            return None
        if binding.kind == "function":
            return model.scopes.functions.get(binding.declaration.start_byte)
        if binding.kind == "const" and binding.init is not None:
            init = syntax.unwrap(binding.init)
            return model.scopes.functions.get(init.start_byte) if init is not None else None
        return None
    return model.scopes.functions.get(value.start_byte)
