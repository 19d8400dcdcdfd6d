"""LL006 fixes: act on write() returning false: wait for 'drain', or pause the source until it."""

from __future__ import annotations

from leaklint import syntax
from leaklint.findings import Applicability, Edit, Fix
from leaklint.model import FileModel
from leaklint.model.streams import Write
from leaklint.rules.fixes import (
    indent_at,
    indent_unit,
    is_expression_statement_of,
    match_semicolons,
    module_import,
    statement_of,
)

LOOPS = frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"})
FUNCTIONS = frozenset({"arrow_function", "function_expression", "function", "function_declaration", "method_definition", "generator_function_declaration"})


def backpressure_fix(model: FileModel, write: Write) -> Fix | None:
    """The fix for the write's context: a 'data' handler pauses its source, a loop awaits 'drain'."""
    statement = statement_of(write.site.node)
    if not is_expression_statement_of(statement, write.site.node):
        return None  # the result is used: rewriting the statement would change more than the wait
    receiver = syntax.text(write.receiver)
    if "(" in receiver:
        return None  # the stream expression would be evaluated twice
    if write.context.kind == "data" and write.context.source is not None:
        return _pause_source(model, write, statement, receiver)
    if write.context.kind in ("loop", "async-iteration"):
        return _await_drain(model, write, statement, receiver)
    return None


def _block(source: bytes, statement, condition: str, body: list[str]) -> str:
    pad = indent_at(source, statement.start_byte)
    unit = indent_unit(source)
    inner = "".join(f"\n{pad}{unit}{line}" for line in body)
    return match_semicolons(source, statement, f"if ({condition}) {{{inner}\n{pad}}}")


def _pause_source(model: FileModel, write: Write, statement, receiver: str) -> Fix | None:
    """`src.on('data', c => dest.write(c))`: pause `src` when the write returns false, resume on 'drain'.

    Unsafe: the source now stops emitting while the destination is full, so
    other 'data' listeners on it see the data later.
    """
    source_text = syntax.text(write.context.source)
    if "(" in source_text:
        return None
    call = syntax.text(write.site.node)
    text = _block(model.source, statement, f"!{call}", [f"{source_text}.pause();", f"{receiver}.once('drain', () => {source_text}.resume());"])
    edit = Edit(statement.start_byte, statement.end_byte, text)
    return Fix(f"Pause `{source_text}` while `{receiver}` is full", (edit,), Applicability.UNSAFE)


def _await_drain(model: FileModel, write: Write, statement, receiver: str) -> Fix | None:
    """A write in a loop: `if (!dest.write(x)) { await once(dest, 'drain'); }`, importing `once` from node:events.

    Unsafe: the loop now waits for the destination, so the function returns
    (or answers the request) later; a request handler that was not `async`
    becomes one, which is fine where its return value is ignored (Node's
    `http`, Express) but this is not proven for every framework.
    """
    function = write.site.function
    if function is None:
        return None
    node = function.node
    current = statement.parent
    in_loop = False
    while current is not None and current != node:
        if current.type in LOOPS:
            in_loop = True
        if current.type in FUNCTIONS:
            return None  # a callback (forEach) in between: awaiting there would not wait in the loop
        current = current.parent
    if not in_loop:
        return None
    edits: list[Edit] = []
    is_async = node.child(0) is not None and node.child(0).type == "async"
    if not is_async:
        if node.type not in ("arrow_function", "function_expression", "function") or not model.frequency(function).is_request_handler:
            return None  # making it async changes what callers get back
        if function.context[:1] != ("argument",):
            return None
        edits.append(Edit(node.start_byte, node.start_byte, "async "))
    imported = module_import(model, ("once",), "node:events")
    if imported is None:
        return None
    import_edit, _already = imported
    if import_edit is not None:
        edits.append(import_edit)
    call = syntax.text(write.site.node)
    text = _block(model.source, statement, f"!{call}", [f"await once({receiver}, 'drain');"])
    edits.append(Edit(statement.start_byte, statement.end_byte, text))
    return Fix(f"Wait for 'drain' when `{receiver}.write()` returns false", tuple(edits), Applicability.UNSAFE)
