"""LL003 fixes: copy what the closure reads out of the request before creating it."""

from __future__ import annotations

from leaklint import syntax
from leaklint.findings import Applicability, Edit, Fix
from leaklint.model import FileModel, Function, Reference
from leaklint.rules.fixes import camel, fresh_name, indent_at, insert_before, statement_of

# Container properties a name leaves out: `req.params.id` becomes `id`, `req.headers['x-a']` becomes `xA`.
CONTAINERS = frozenset({"headers", "params", "query", "cookies", "signedCookies"})
WRITES = frozenset({"assignment_expression", "augmented_assignment_expression", "update_expression"})


def _step(node) -> str | None:
    """The property name a member or literal subscript step reads, or None."""
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return syntax.text(prop) if prop is not None and prop.type in ("property_identifier", "private_property_identifier") else None
    if node.type == "subscript_expression":
        index = syntax.unwrap(node.child_by_field_name("index"))
        value = syntax.string_value(index)
        if value is not None:
            return value
        if index is not None and index.type == "number":
            return syntax.text(index)
    return None


def _chain(identifier) -> tuple[object, list[str]] | None:
    """The longest property read starting at ``identifier`` (`req.body.length`), or None if it is not one."""
    current, steps = identifier, []
    while current.parent is not None:
        parent = current.parent
        if parent.type not in ("member_expression", "subscript_expression") or parent.child_by_field_name("object") != current:
            break
        step = _step(parent)
        if step is None:
            break
        grand = parent.parent
        if grand is not None and grand.type == "call_expression" and grand.child_by_field_name("function") == parent:
            break  # `req.get('x')`: a method keeps its receiver; copy the receiver's value only
        current = parent
        steps.append(step)
    if not steps:
        return None  # the request object itself is used, not a value read from it
    parent = current.parent
    if parent is not None and parent.type in WRITES and parent.child_by_field_name("left") == current:
        return None
    if parent is not None and parent.type in ("update_expression", "unary_expression") and syntax.text(parent).startswith(("delete", "++", "--")):
        return None
    return current, steps


def hoist_request_reads(
    model: FileModel, closure: Function, captured: list[tuple[object, list[Reference]]]
) -> Fix | None:
    """`() => send(req.body.length)` becomes `const bodyLength = req.body.length;` above it and `() => send(bodyLength)`.

    Unsafe: the values are read when the closure is made, not when it runs;
    a property the handler changes in between (or a getter) gives another
    value.
    """
    source = model.source
    statement = statement_of(closure.node)
    if statement is None:
        return None
    handler = captured[0][0].handler
    if not handler.contains(statement) or statement.start_byte <= handler.node.start_byte:
        return None
    reads: dict[str, str] = {}  # chain text -> const name
    replacements: list[Edit] = []
    taken: set[str] = set()
    for _origin, references in sorted(captured, key=lambda item: min(r.node.start_byte for r in item[1])):
        for reference in sorted(references, key=lambda r: r.node.start_byte):
            found = _chain(reference.node)
            if found is None:
                return None
            node, steps = found
            text = syntax.text(node)
            if text not in reads:
                words = steps[1:] if steps[0] in CONTAINERS and len(steps) > 1 else steps
                base = camel(words) or "value"
                name = fresh_name(model, base, taken)
                taken.add(name)
                reads[text] = name
            replacements.append(Edit(node.start_byte, node.end_byte, reads[text]))
    if not reads:
        return None
    declarations = "\n".join(f"const {name} = {text};" for text, name in reads.items())
    first = insert_before(source, statement, declarations.replace("\n", "\n" + indent_at(source, statement.start_byte)))
    return Fix("Copy the values the closure reads out of the request before creating it", (first, *replacements), Applicability.UNSAFE)

