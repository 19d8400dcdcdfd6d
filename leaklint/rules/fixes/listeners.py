"""LL002 fixes: remove the listener again when the request (or connection) that added it ends."""

from __future__ import annotations

from leaklint import syntax
from leaklint.findings import Applicability, Fix
from leaklint.model import FileModel
from leaklint.model.listeners import Registration
from leaklint.rules.fixes import (
    camel,
    fresh_name,
    insert_after,
    insert_before,
    is_expression_statement_of,
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
    listener = syntax.unwrap(listener)
    if listener.type == "identifier":
        name = syntax.text(listener)
    elif listener.type in INLINE_LISTENERS or listener.type in ("call_expression", "member_expression"):
        event_name = syntax.string_value(event)
        base = camel(["on", event_name]) if event_name and camel([event_name]) else "listener"
        name = fresh_name(model, base)
        edits.append(insert_before(source, statement, f"const {name} = {syntax.text(listener)};"))
        edits.append(_replace(listener, name))
    else:
        return None
    removal = f"{end_name}.on('close', () => {receiver}.{remover}({syntax.text(event)}, {name}));"
    edits.append(insert_after(source, statement, removal))
    return Fix(f"Remove the listener when `{end_name}` closes", tuple(edits), Applicability.UNSAFE)


def _replace(node, text: str):
    from leaklint.findings import Edit

    return Edit(node.start_byte, node.end_byte, text)
