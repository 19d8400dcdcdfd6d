"""LL011 fixes: read the scalar before the closure is created, so the closure captures only it."""

from __future__ import annotations

from leaklint import syntax
from leaklint.findings import Applicability, Edit, Fix
from leaklint.model import FileModel
from leaklint.model.derived_captures import DerivedCapture
from leaklint.rules.fixes import camel, fresh_name, insert_before, statement_of

_WRITES = frozenset({"assignment_expression", "augmented_assignment_expression", "update_expression"})


def scalar_outside_closure(model: FileModel, found: DerivedCapture) -> Fix | None:
    """`const rowsLength = rows.length;` above the statement that creates the closure, which then reads that.

    Unsafe: the closure now sees the value as it was when the closure was
    created; if the large value changes afterwards (rows pushed later) it
    would have seen the new one.
    """
    reads = found.reads
    if not reads or any(_is_written(read) for read in reads):
        return None  # `rows.length = 0` inside the closure writes the value, not just reads it
    statement = statement_of(found.closure.node)
    declaration = found.binding.declaration
    if statement is None or declaration is None or statement.start_byte < declaration.end_byte:
        return None  # an arrow body or class member has no statement to put the read before
    if any(read.start_byte < found.closure.node.start_byte or read.end_byte > found.closure.node.end_byte for read in reads):
        return None
    name = fresh_name(model, camel([found.binding.name, found.field]))
    first = syntax.text(reads[0])
    edits = [insert_before(model.source, statement, f"const {name} = {first};")]
    edits.extend(Edit(read.start_byte, read.end_byte, name) for read in reads)
    return Fix(
        f"Read `{first}` before creating the closure and capture only `{name}`",
        tuple(edits),
        Applicability.UNSAFE,
    )


def _is_written(read) -> bool:
    parent = read.parent
    return parent is not None and parent.type in _WRITES and parent.child_by_field_name("left") == read
