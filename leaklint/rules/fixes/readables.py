"""LL010 fixes: discard the reply of an http request that nothing reads."""

from __future__ import annotations

from leaklint.findings import Applicability, Fix
from leaklint.model import FileModel
from leaklint.model.readables import Readable
from leaklint.rules.fixes import block_end_insert, insert_before


def resume_unread_response(model: FileModel, readable: Readable) -> Fix | None:
    """`res.resume();` as the first statement of the response callback.

    Node then reads and drops the reply, which frees the socket. Unsafe: an
    `'end'` listener the callback adds now fires, where before it never did.
    """
    if not readable.origin.startswith("the response") or readable.binding is None:
        return None  # a file stream: where to destroy it is the author's call
    function = readable.function
    body = function.body if function is not None else None
    if body is None or body.type != "statement_block":
        return None  # `(res) => resolve(res.statusCode)`: an expression body has no statement list
    text = f"{readable.binding.name}.resume();"
    statements = [c for c in body.named_children if c.type != "comment"]
    if statements:
        return Fix(f"Discard the unread reply: `{text}`", (insert_before(model.source, statements[0], text),),
                   Applicability.UNSAFE)
    edit = block_end_insert(model.source, body, text)
    return Fix(f"Discard the unread reply: `{text}`", (edit,), Applicability.UNSAFE) if edit is not None else None
