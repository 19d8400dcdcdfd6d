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
inside the method's own class and `x.m(…)` on `const x = new C()` of that class.
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

_PARAMETER_WRAPPERS = frozenset({"required_parameter", "optional_parameter", "assignment_pattern"})


def parameter_position(function: Function, binding: Binding) -> int | None:
    """The position of a plain parameter (`server`, `server = x`, `server: T`) in the parameter list, else None."""
    params = function.params_node
    if params is None:
        return None
    if params.type == "identifier":  # `x => …`
        return 0 if params.start_byte == binding.node.start_byte else None
    position = 0
    for parameter in params.named_children:
        if parameter.type == "comment":
            continue
        target = parameter
        if parameter.type in ("required_parameter", "optional_parameter"):
            target = parameter.child_by_field_name("pattern")
        elif parameter.type == "assignment_pattern":
            target = parameter.child_by_field_name("left")
        if target is not None and target.type == "this":
            continue  # TypeScript's `this: T` is no argument
        if target is not None and target.type == "identifier" and target.start_byte == binding.node.start_byte:
            return position
        position += 1
    return None


def _parameter_of(model: FileModel, binding: Binding | None) -> tuple[Function, int] | None:
    if binding is None or binding.kind != "param":
        return None
    function = binding.scope.owner
    if function is None:
        return None
    position = parameter_position(function, binding)
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
        elif receiver.type == "identifier" and _made_by(model, receiver, info):
            calls.append(site)
    return calls


def _made_by(model: FileModel, receiver: Node, info) -> bool:
    """`x` is `const x = new C(…)` (never reassigned) of the class ``info``."""
    binding = model.resolve(receiver)
    if binding is None or binding.kind == "param" or binding.init is None or binding.writes:
        return False
    init = syntax.unwrap(binding.init)
    if init is None or init.type != "new_expression":
        return False
    constructor = syntax.unwrap(init.child_by_field_name("constructor"))
    if constructor is None or constructor.type != "identifier" or not info.name:
        return False
    declared = model.resolve(constructor)
    return declared is not None and declared.kind == "class" and declared.name == info.name


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
