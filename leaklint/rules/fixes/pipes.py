"""LL013 fixes: unpipe the source from the long-lived destination when the call's work is over."""

from __future__ import annotations

from leaklint import syntax
from leaklint.findings import Applicability, Fix
from leaklint.model import FileModel
from leaklint.rules.fixes import insert_after, is_expression_statement_of, request_end_target, statement_of
from leaklint.syntax import Node


def unpipe_on_close(model: FileModel, site, source: Node, dest: Node) -> Fix | None:
    """`res.once('close', () => src.unpipe(dest));` after the pipe; outside a request, on the source's own 'close'.

    Unpiping removes the listeners pipe() put on the destination, and with
    them the last reference to the source. Unsafe: data the source produces
    after the response closed is no longer written to the destination, and a
    source that never closes (outside a request handler) keeps its listeners.
    """
    statement = statement_of(site.node)
    if not is_expression_statement_of(statement, site.node):
        return None  # `out = src.pipe(dest)` or `a.pipe(b).pipe(c)`: the chain is the author's to split
    if not _is_plain_path(source) or not _is_stable(model, dest):
        return None  # `open(id).pipe(sink)`, `this.out`: no name that still means the same stream later
    source_text, dest_text = syntax.text(source), syntax.text(dest)
    target = request_end_target(model, site.function)
    if target is not None:
        if not _is_stable(model, source):
            return None
        text = f"{target[0]}.once('close', () => {source_text}.unpipe({dest_text}));"
        title = f"Unpipe `{source_text}` from `{dest_text}` when `{target[0]}` closes"
    else:
        # `this` in the listener is the source as it is now, whatever the path names later
        text = f"{source_text}.once('close', function () {{ this.unpipe({dest_text}); }});"
        title = f"Unpipe `{source_text}` from `{dest_text}` when it closes"
    return Fix(title, (insert_after(model.source, statement, text),), Applicability.UNSAFE)


def _is_stable(model: FileModel, node: Node | None) -> bool:
    """A path rooted at a name never reassigned, or an unshadowed global (`process.stdout`): the same object later."""
    if not _is_plain_path(node):
        return False
    root = syntax.unwrap(node)
    while root.type == "member_expression":
        root = syntax.unwrap(root.child_by_field_name("object"))
    if root.type != "identifier":
        return False  # `this.out` may name another stream by the time the listener runs
    binding = model.resolve(root)
    if binding is None:
        return model.is_global(root)
    if binding.kind in ("const", "import", "function", "class"):
        return True
    return binding.kind in ("param", "let", "var") and not binding.writes  # never reassigned after its declaration


def _is_plain_path(node: Node | None) -> bool:
    """`name`, `this.x`, `a.b.c`: an expression that names the same object when read again later."""
    node = syntax.unwrap(node)
    while node is not None and node.type == "member_expression":
        prop = node.child_by_field_name("property")
        if prop is None or prop.type not in ("property_identifier", "private_property_identifier"):
            return False
        if node.child_by_field_name("optional_chain") is not None or b"?." in node.text:
            return False
        node = syntax.unwrap(node.child_by_field_name("object"))
    return node is not None and node.type in ("identifier", "this")
