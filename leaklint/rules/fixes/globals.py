"""LL012 fixes: declare the implicit global where it is used."""

from __future__ import annotations

import re

from leaklint.findings import Applicability, Fix
from leaklint.model import FileModel, Function
from leaklint.model.implicit_globals import ImplicitGlobal
from leaklint.rules.fixes import insert_before

_GLOBAL_OBJECTS = ("global", "globalThis", "window", "self")


def declare_implicit_global(model: FileModel, found: ImplicitGlobal) -> Fix | None:
    """`let name;` at the top of the innermost function holding every use, or at the top of the module.

    A name whose value a call reads before it writes it (`count = count + 1`,
    `list = list || []`) carries state from one call to the next, so it is
    declared at module level, which keeps that. Unsafe: another file (or
    `eval`) could read the global, and a declaration inside the function gives
    each call its own variable, which is the intent of the fix but changes
    what concurrent calls see.
    """
    name = found.name
    references = model.scopes.globals.get(name, [])
    if not references or _named_through_global_object(model, name):
        return None
    holder = _common_function(model, [r.node for r in references])
    if holder is not None and _read_before_first_write(references):
        holder = None  # the value outlives one call: keep it, but in the module instead of the global object
    block = holder.body if holder is not None else model.tree.root_node
    if block is None or block.type not in ("statement_block", "program"):
        return None
    statements = [c for c in block.named_children if c.type not in ("comment", "hash_bang_line")]
    while statements and _is_directive(statements[0]):
        statements = statements[1:]
    if not statements or any(r.node.start_byte < statements[0].start_byte for r in references):
        return None  # a use in a parameter default or before the first statement
    where = "at the top of the module" if holder is None else f"in {model.describe_function(holder)}"
    return Fix(
        f"Declare `{name}` with `let` {where}",
        (insert_before(model.source, statements[0], f"let {name};"),),
        Applicability.UNSAFE,
    )


def _common_function(model: FileModel, nodes) -> Function | None:
    """The innermost function that contains every node (None when one of them is at module level)."""
    chains = []
    for node in nodes:
        chain = []
        function = model.function_at(node)
        while function is not None:
            chain.append(function)
            function = function.parent
        if not chain:
            return None
        chains.append(list(reversed(chain)))
    common = None
    for level in zip(*chains):
        if any(f is not level[0] for f in level):
            break
        common = level[0]
    return common


def _read_before_first_write(references) -> bool:
    """A read that comes first, or sits in the value of the first write (`x = x + 1`)."""
    writes = [r for r in references if r.is_write]
    if not writes:
        return True
    first = min(writes, key=lambda r: r.node.start_byte)
    assignment = first.node.parent
    end = assignment.end_byte if assignment is not None else first.node.end_byte
    return any(not r.is_write and r.node.start_byte < end for r in references)


def _named_through_global_object(model: FileModel, name: str) -> bool:
    """`global.name`, `globalThis['name']`, `window.name`: the code means the global object's property."""
    quoted = re.escape(name)
    pattern = rf"\b(?:{'|'.join(_GLOBAL_OBJECTS)})\s*(?:\??\.\s*{quoted}\b|\[\s*['\"`]{quoted}['\"`]\s*\])"
    return re.search(pattern.encode(), model.source) is not None


def _is_directive(statement) -> bool:
    return statement.type == "expression_statement" and statement.named_child_count == 1 and (
        statement.named_children[0].type == "string"
    )
