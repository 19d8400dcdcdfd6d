"""What callers pass for a function's parameter: in the file, and (through the project link) from other files.

A parameter is only a name; what it holds is whatever its callers pass. Two
questions need that:

- its lifetime: when every call passes a module-level server, emitter or
  instance, a listener added to the parameter or an entry added to it stays
  for the life of the process; when every call passes a per-request object,
  it is per-request (``linked_lifetime``, from ``ExternalFacts.parameter``);
- its kind: `registerServer(io)` with a Socket.IO server makes the
  `'connection'` listener that `registerServer(server)` adds receive Socket.IO
  sockets, whatever other callers pass (``passed_values``, ``linked_kinds``).

In the file, the calls followed are `f(…)` of a declared function, `this.m(…)`
inside the method's own class and `x.m(…)` on an instance of that class the
code states (``instance_class_name``: `const x = new C()`, `x: C`, the result
of a method whose return type or `return`s say `C`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import CallSite, direct_calls
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.external import LinkedParameter
    from leaklint.model.scopes import Binding, Function


def _parameter_of(model: FileModel, binding: Binding | None) -> tuple[Function, int] | None:
    if binding is None or binding.kind != "param":
        return None
    function = binding.scope.owner
    if function is None:
        return None
    position = function.parameter_position(binding.node)
    return (function, position) if position is not None else None


def linked_parameter(model: FileModel, binding: Binding | None) -> LinkedParameter | None:
    """What callers in other files pass for this parameter, as the project link found it."""
    found = _parameter_of(model, binding)
    if found is None or not model.external.parameters:
        return None
    function, position = found
    return model.external.parameter(function.name, position)


def calls_in_file(model: FileModel, function: Function) -> list[CallSite]:
    """The calls of ``function`` the file makes: `f(…)`, `this.m(…)` in its class, `x.m(…)` on a `new C()` of it."""
    calls = direct_calls(model, function)
    context = function.context
    if calls or not context or context[0] != "method" or context[3]:
        return calls
    info, name = context[1], context[2]
    for site in model.method_calls(name):
        receiver = syntax.unwrap(site.receiver)
        if receiver is None:
            continue
        if receiver.type == "this":
            outer = site.function
            while outer is not None and outer.node.type == "arrow_function":
                outer = outer.parent
            if outer is not None and outer.class_info is info:
                calls.append(site)
        elif receiver.type in ("identifier", "member_expression") and info.name and instance_class_name(model, receiver) == info.name:
            calls.append(site)
    return calls


def instance_class_name(model: FileModel, receiver: Node | None, depth: int = 0) -> str | None:
    """The class of the file a receiver is an instance of, as the code states it, else None.

    `const x = new C(…)` (never reassigned); a parameter annotated `x: C`; and
    `const x = await this.make()` / `make()` where the method or function is
    the file's own and its return type is stated (`: C`, `: Promise<C>`) or
    each of its `return`s is `new C(…)`.
    """
    receiver = syntax.unwrap(receiver)
    if receiver is None or depth > 2:
        return None
    if receiver.type == "member_expression":
        return _field_class_name(model, receiver, depth)
    if receiver.type != "identifier":
        return None
    binding = model.resolve(receiver)
    if binding is None:
        return None
    if binding.kind == "param":
        parameter = binding.node.parent
        if parameter is not None and parameter.type in ("required_parameter", "optional_parameter"):
            return _class_of_file(model, _stated_type(parameter.child_by_field_name("type")))
        return None
    if binding.kind not in ("const", "let") or binding.init is None or binding.writes:
        return None
    return _class_of_value(model, binding.init, depth)


def _field_class_name(model: FileModel, member: Node, depth: int) -> str | None:
    """`this.writer`: a field stated `writer: C` (a declaration or a parameter property) or only given C's."""
    obj = syntax.unwrap(member.child_by_field_name("object"))
    prop = member.child_by_field_name("property")
    if obj is None or obj.type != "this" or prop is None:
        return None
    function = model.function_at(member)
    function = function.this_owner if function is not None else None
    info = function.class_info if function is not None else None
    if info is None:
        return None
    name = syntax.text(prop)
    property_binding = info.parameter_properties.get(name)
    if property_binding is not None:
        parameter = property_binding.declaration
        return _class_of_file(model, _stated_type(parameter.child_by_field_name("type")))
    names = set()
    for value in info.instance_fields.get(name, []):
        if value is None:
            return None
        if value.type in ("public_field_definition", "field_definition"):
            names.add(_class_of_file(model, _stated_type(value.child_by_field_name("type"))))
        elif syntax.unwrap(value) is not None and syntax.unwrap(value).type == "identifier":
            names.add(instance_class_name(model, value, depth + 1))
        else:
            names.add(_class_of_value(model, value, depth + 1))
    return names.pop() if len(names) == 1 else None


def _class_of_value(model: FileModel, value: Node | None, depth: int) -> str | None:
    value = syntax.unwrap(value)
    if value is not None and value.type == "await_expression" and value.named_children:
        value = syntax.unwrap(value.named_children[0])
    if value is None:
        return None
    if value.type == "new_expression":
        constructor = syntax.unwrap(value.child_by_field_name("constructor"))
        declared = model.resolve(constructor) if constructor is not None and constructor.type == "identifier" else None
        return declared.name if declared is not None and declared.kind == "class" else None
    if value.type != "call_expression":
        return None
    from leaklint.model.provenance import _getter_function

    function = _getter_function(model, value)
    if function is None:
        return None
    stated = _class_of_file(model, _stated_type(function.node.child_by_field_name("return_type")))
    if stated is not None:
        return stated
    returns = [r.named_children[0] for r in _return_statements(function) if r.named_children]
    names = {_class_of_value(model, r, depth + 1) for r in returns}
    return names.pop() if len(names) == 1 and returns else None


def _stated_type(annotation: Node | None) -> str | None:
    """`: C`, `: C<T>`, `: Promise<C>`: the class a type annotation names."""
    named = annotation.named_children if annotation is not None else []
    if len(named) != 1:
        return None
    stated = named[0]
    if stated.type == "generic_type":
        name = stated.child_by_field_name("name")
        if name is not None and syntax.text(name) == "Promise":
            arguments = stated.child_by_field_name("type_arguments")
            inner = [a for a in arguments.named_children] if arguments is not None else []
            if len(inner) == 1 and inner[0].type == "type_identifier":
                return syntax.text(inner[0])
            return None
        stated = name
    return syntax.text(stated) if stated is not None and stated.type == "type_identifier" else None


def _class_of_file(model: FileModel, name: str | None) -> str | None:
    if not name:
        return None
    return name if any(info.name == name for info in model.classes) else None


def _return_statements(function: Function) -> list[Node]:
    body = function.body
    if body is None or body.type != "statement_block":
        return []
    return syntax.own_return_statements(body)


def passed_values(model: FileModel, binding: Binding | None) -> list[Node]:
    """The values the file's own calls pass for a parameter (empty when it makes none)."""
    found = _parameter_of(model, binding)
    if found is None:
        return []
    function, position = found
    values = []
    for site in calls_in_file(model, function):
        value = site.argument(position)
        if value is not None:
            values.append(value)
    return values


def linked_kinds(model: FileModel, binding: Binding | None) -> tuple[str, ...]:
    """What some caller in another file passes for this parameter (`"socket.io-server"`)."""
    linked = linked_parameter(model, binding)
    return linked.kinds if linked is not None else ()
