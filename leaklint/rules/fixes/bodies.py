"""LL008 fixes: cancel the body of a response nobody reads, right after it arrives."""

from __future__ import annotations

from leaklint import syntax
from leaklint.findings import Applicability, Fix
from leaklint.model import FileModel
from leaklint.model.imports import WHOLE_MODULE, bare_module, imported_name
from leaklint.model.responses import Response
from leaklint.rules.fixes import insert_after, statement_of

# Fetches whose `res.body` is a web ReadableStream, which has `cancel()`; node-fetch and
# cross-fetch give a Node Readable there instead, where `cancel` does not exist.
_WEB_STREAM_MODULES = frozenset({"undici"})


def cancel_unread_body(model: FileModel, response: Response) -> Fix | None:
    """`await res.body?.cancel();` on the line after `const res = await fetch(...)`.

    The body was never read, so nothing that reads it changes; the connection
    goes back to the pool at once instead of when the response is collected.
    Unsafe: code this analysis does not follow (another file, `eval`) could
    still want the body, and the extra await yields to the event loop once.
    """
    if not _gives_web_streams(model, response.call):
        return None
    value = response.value
    declarator = value.parent
    while declarator is not None and declarator.type == "parenthesized_expression":
        declarator = declarator.parent
    if declarator is None or declarator.type != "variable_declarator":
        return None  # `if ((await fetch(u)).ok)`: no name to cancel through
    name = declarator.child_by_field_name("name")
    if name is None or name.type != "identifier":
        return None  # destructured `{ ok, status }`: the response itself is gone
    declaration = declarator.parent
    if declaration is None or len([c for c in declaration.named_children if c.type == "variable_declarator"]) > 1:
        return None
    statement = statement_of(declaration)
    if statement is None or statement is not declaration:
        return None  # a `for (const res = ...)` header or an expression body: no line to add
    text = f"await {syntax.text(name)}.body?.cancel();"
    return Fix(f"Cancel the unread body: `{text}`", (insert_after(model.source, statement, text),), Applicability.UNSAFE)


def _gives_web_streams(model: FileModel, call) -> bool:
    callee = syntax.unwrap(call.child_by_field_name("function"))
    if callee is None:
        return False
    if callee.type == "identifier":
        if model.is_global(callee, "fetch"):
            return True
        imported = imported_name(model.resolve(callee))
        return imported is not None and bare_module(imported[0]) in _WEB_STREAM_MODULES
    if callee.type != "member_expression":
        return False
    receiver = syntax.unwrap(callee.child_by_field_name("object"))
    if receiver is None or receiver.type != "identifier":
        return False
    if model.is_global(receiver, "globalThis"):
        return True
    imported = imported_name(model.resolve(receiver))
    return imported is not None and imported[1] == WHOLE_MODULE and bare_module(imported[0]) in _WEB_STREAM_MODULES
