"""LL002 fixes: remove the listener again when the request (or connection) that added it ends."""

from __future__ import annotations

from leaklint import syntax
from leaklint.findings import Applicability, Edit, Fix
from leaklint.model import FileModel
from leaklint.model.listeners import Registration
from leaklint.rules.fixes import (
    block_end_insert,
    camel,
    fresh_name,
    insert_after,
    insert_before,
    is_expression_statement_of,
    is_used_name,
    request_end_target,
    statement_of,
)

# The removal method that undoes each registration method.
REMOVERS = {
    "on": "off",
    "addListener": "removeListener",
    "prependListener": "removeListener",
    "addEventListener": "removeEventListener",
}
INLINE_LISTENERS = frozenset({"arrow_function", "function_expression", "function"})


STOP_METHODS = ("close", "destroy", "dispose", "stop", "componentWillUnmount", "onModuleDestroy", "ngOnDestroy")


def remove_listener_fix(model: FileModel, registration: Registration) -> Fix | None:
    """The first fix shape that applies to this registration, or None."""
    if registration.signal_ignored:
        return remove_on_abort(model, registration)
    return remove_on_request_end(model, registration) or remove_in_stop_method(model, registration)


def remove_on_abort(model: FileModel, registration: Registration) -> Fix | None:
    """`emitter.on(e, f, { signal })`, which Node's EventEmitter ignores: remove `f` when the signal aborts.

    The options argument goes (EventEmitter.on() never read it) and
    `signal.addEventListener('abort', () => emitter.off(e, f), { once: true });`
    follows, which does what the code meant.  Unsafe: the listener is now
    really removed on abort, which it never was before.
    """
    site = registration.site
    remover = REMOVERS.get(site.method or "")
    event, listener, options = site.argument(0), site.argument(1), syntax.unwrap(site.argument(2))
    if remover != "off" or event is None or listener is None or options is None or options.type != "object":
        return None
    signal = None
    for prop in options.named_children:
        if prop.type == "shorthand_property_identifier" and syntax.text(prop) == "signal":
            signal = "signal"
        elif prop.type == "pair" and syntax.text(prop.child_by_field_name("key")) == "signal":
            value = prop.child_by_field_name("value")
            signal = syntax.text(value) if value is not None else None
        elif prop.type != "comment":
            return None  # other options: not ours to drop
    if signal is None or "(" in signal or site.receiver is None or "(" in syntax.text(site.receiver):
        return None
    statement = statement_of(site.node)
    if not is_expression_statement_of(statement, site.node):
        return None
    source = model.source
    edits = []
    name = _listener_reference(model, statement, event, listener, edits)
    if name is None:
        return None
    edits.append(Edit(site.argument(1).end_byte, site.argument(2).end_byte, ""))
    receiver = syntax.text(site.receiver)
    text = f"{signal}.addEventListener('abort', () => {receiver}.off({syntax.text(event)}, {name}), {{ once: true }});"
    edits.append(insert_after(source, statement, text))
    return Fix(f"Remove the listener when `{signal}` aborts (EventEmitter.on() ignores {{ signal }})", tuple(edits), Applicability.UNSAFE)


def _listener_reference(model: FileModel, statement, event, listener, edits: list) -> str | None:
    """The listener's name; an inline listener is first named by a `const` above the statement."""
    listener = syntax.unwrap(listener)
    if listener.type == "identifier":
        return syntax.text(listener)
    if listener.type in INLINE_LISTENERS or listener.type in ("call_expression", "member_expression"):
        event_name = syntax.string_value(event)
        base = camel(["on", event_name]) if event_name and camel([event_name]) else "listener"
        name = fresh_name(model, base)
        edits.append(insert_before(model.source, statement, f"const {name} = {syntax.text(listener)};"))
        edits.append(_replace(listener, name))
        return name
    return None


def remove_in_stop_method(model: FileModel, registration: Registration) -> Fix | None:
    """A class that registers on a long-lived emitter and has close()/destroy()/…: remove it there.

    The listener is kept in a field (`this.onMessageListener = (...) => ...;`)
    so that the stop method can pass the same function.  Unsafe: after the
    stop method the instance no longer hears the event (the intent), and a
    class whose stop method is never called still leaks.
    """
    site = registration.site
    remover = REMOVERS.get(site.method or "")
    function = site.function
    info = function.class_info if function is not None else None
    event, listener = site.argument(0), site.argument(1)
    if remover is None or info is None or event is None or listener is None or len(site.arguments) > 2:
        return None
    if function.method_name in STOP_METHODS or syntax.string_value(event) is None:
        return None
    stop = next((info.methods[m][0] for m in STOP_METHODS if info.methods.get(m)), None)
    if stop is None or stop.body is None or stop.body.type != "statement_block":
        return None
    receiver = syntax.unwrap(site.receiver)
    if not _reachable_from_any_method(model, receiver):
        return None
    statement = statement_of(site.node)
    if not is_expression_statement_of(statement, site.node):
        return None
    source = model.source
    listener = syntax.unwrap(listener)
    edits = []
    if listener.type == "member_expression" and syntax.text(listener).startswith("this.") and "(" not in syntax.text(listener):
        reference = syntax.text(listener)
    elif listener.type in INLINE_LISTENERS or listener.type == "call_expression":
        if listener.type == "function_expression" or listener.type == "function":
            return None  # `this` inside it is the emitter; moving it to a field keeps that, but naming it is a person's call
        base = camel(["on", syntax.string_value(event), "listener"]) or "listener"
        name, number = base, 2
        while is_used_name(source, name):
            name, number = f"{base}{number}", number + 1
        reference = f"this.{name}"
        if model.grammar in (syntax.Grammar.TYPESCRIPT, syntax.Grammar.TSX):
            declaration = _field_declaration(source, info.node, f"private {name}!: (...args: any[]) => void;")
            if declaration is None:
                return None
            edits.append(declaration)  # TypeScript wants the field declared
        edits.append(insert_before(source, statement, f"{reference} = {syntax.text(listener)};"))
        edits.append(_replace(listener, reference))
    else:
        return None
    removal = block_end_insert(source, stop.body, f"{syntax.text(receiver)}.{remover}({syntax.text(event)}, {reference});")
    if removal is None:
        return None
    edits.append(removal)
    return Fix(f"Remove the listener in `{stop.method_name}()`", tuple(edits), Applicability.UNSAFE)


def _field_declaration(source: bytes, class_node, text: str):
    """A field declaration as the class body's first member, indented like the members."""
    body = class_node.child_by_field_name("body")
    members = [c for c in body.named_children if c.type != "comment"] if body is not None else []
    if not members:
        return None
    return insert_before(source, members[0], text)


def _reachable_from_any_method(model: FileModel, receiver) -> bool:
    """`this.x`, a module-level name or a global: the same object from the stop method."""
    if receiver is None:
        return False
    text = syntax.text(receiver)
    if "(" in text or "[" in text:
        return False
    if receiver.type == "member_expression":
        root = receiver
        while root.type == "member_expression":
            root = syntax.unwrap(root.child_by_field_name("object"))
        if root is None:
            return False
        if root.type == "this":
            return True
        receiver = root
    if receiver.type != "identifier":
        return False
    binding = model.resolve(receiver)
    return binding is None or binding.is_module_level


def remove_on_request_end(model: FileModel, registration: Registration) -> Fix | None:
    """`emitter.on(e, f)` in a request handler: also `res.on('close', () => emitter.off(e, f))`.

    An inline listener is first named (`const onE = …;`) so that the removal
    can pass the same function.  Unsafe: the listener stops hearing events
    once the response has closed, which is the point, but code that relied on
    it afterwards changes behaviour.
    """
    site = registration.site
    remover = REMOVERS.get(site.method or "")
    event, listener = site.argument(0), site.argument(1)
    if remover is None or event is None or listener is None or site.receiver is None or len(site.arguments) > 2:
        return None  # options (capture, once, signal) would have to be repeated on the removal
    target = request_end_target(model, site.function)
    if target is None:
        return None
    end_name, _handler = target
    statement = statement_of(site.node)
    if not is_expression_statement_of(statement, site.node):
        return None
    source = model.source
    receiver = syntax.text(site.receiver)
    if "(" in receiver or end_name == receiver:
        return None  # a call would be evaluated again on removal
    edits = []
    name = _listener_reference(model, statement, event, listener, edits)
    if name is None:
        return None
    removal = f"{end_name}.on('close', () => {receiver}.{remover}({syntax.text(event)}, {name}));"
    edits.append(insert_after(source, statement, removal))
    return Fix(f"Remove the listener when `{end_name}` closes", tuple(edits), Applicability.UNSAFE)


def _replace(node, text: str) -> Edit:
    return Edit(node.start_byte, node.end_byte, text)
