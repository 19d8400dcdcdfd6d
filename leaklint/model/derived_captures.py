"""Closures that keep a large value alive to read one scalar of it.

A shared fact for LL011. For each function value that escapes into a
long-lived place (stored or registered on something long-lived, or returned
by a function whose result the file keeps at module level), the captured
bindings of its enclosing function that hold a large value (built there by a
`load…()`/`read…()`/`parse…()` call, `JSON.parse`, `readFileSync`, `new
Array(n)`, `Array.from`, `Buffer.alloc`, a typed array) and that the closure
reads only through one derived scalar (`.length`, `.size`, `.byteLength`,
`.count`, or one and the same field each time).

Shared through ``model.fact("derived_captures", derived_captures)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.contexts import allocation
from leaklint.model.escapes import UseKind, escape_analysis
from leaklint.model.scopes import Binding, Function
from leaklint.model.values import ValueUseKind, value_uses
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

_LOADER = re.compile(r"^(load|read|parse|fetchAll|getAll|build|generate|collect)[A-Z_]|^(load|readAll|parseAll)$")
_LARGE_CONSTRUCTORS = frozenset(
    {"Array", "ArrayBuffer", "SharedArrayBuffer", "Uint8Array", "Int8Array", "Uint16Array", "Int16Array",
     "Uint32Array", "Int32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"}
)

# Array methods whose result is the same size as the array they are called on (or built from it).
_ARRAY_CHAIN = frozenset({"fill", "map", "filter", "slice", "concat", "flat", "flatMap", "sort", "reverse",
                          "toSorted", "toReversed", "copyWithin"})


@dataclass(frozen=True)
class DerivedCapture:
    """A closure that retains ``binding``'s large value but reads only ``field`` of it."""

    closure: Function
    binding: Binding
    built_by: str  # "`loadMillionRecords()`", "a Buffer"
    field: str  # "length"
    reads: tuple[Node, ...]  # the `x.length` member expressions in the closure
    escape: Node  # where the closure is kept
    escape_label: str  # "returned to module-level `getStats`"


def derived_captures(model: FileModel) -> list[DerivedCapture]:
    """Every closure in the file that keeps a large value for one derived scalar (through ``model.fact``)."""
    found = []
    for closure in model.functions:
        outer = closure.parent
        if outer is None:
            continue  # captures module bindings only, which live anyway
        candidates = []
        for binding, references in model.captures_of(closure).items():
            if model.function_at(binding.node) is not outer or binding.kind not in ("const", "let", "var"):
                continue
            built_by = large_value(binding.init)
            if built_by is None:
                continue
            field = _single_field(model, binding, closure)
            if field is None:
                continue
            reads = tuple(r.node.parent for r in references)
            candidates.append((binding, built_by, field, reads))
        if not candidates:
            continue
        escape = _long_lived_escape(model, closure, outer)
        if escape is None:
            continue
        for binding, built_by, field, reads in candidates:
            found.append(DerivedCapture(closure, binding, built_by, field, reads, escape[0], escape[1]))
    return found


def large_value(init: Node | None) -> str | None:
    """What builds a large value: a loader call, a parse, a big array or Buffer; None for anything else."""
    init = syntax.unwrap(init)
    if init is None:
        return None
    if init.type == "await_expression" and init.named_children:
        return large_value(init.named_children[0])
    if init.type == "new_expression":
        constructor = syntax.unwrap(init.child_by_field_name("constructor"))
        name = syntax.text(constructor) if constructor is not None else ""
        return f"`new {name}()`" if name in _LARGE_CONSTRUCTORS else None
    if init.type != "call_expression":
        return None
    callee = syntax.unwrap(init.child_by_field_name("function"))
    if callee is None:
        return None
    if callee.type == "member_expression":
        prop = callee.child_by_field_name("property")
        if prop is not None and syntax.text(prop) in _ARRAY_CHAIN:
            # `new Array(n).fill(0)`, `loadRows().map(f)`: as large as the array it comes from
            source = large_value(callee.child_by_field_name("object"))
            if source is not None:
                return source
    built = allocation(init)
    if built in ("a Buffer", "a parsed JSON value", "file contents") or (built == "an array" and _is_array_call(init)):
        return f"`{model_text(callee)}()`"
    name = syntax.text(callee) if callee.type == "identifier" else None
    if callee.type == "member_expression":
        prop = callee.child_by_field_name("property")
        name = syntax.text(prop) if prop is not None else None
    if name is not None and _LOADER.match(name):
        return f"`{model_text(callee)}()`"
    return None


def model_text(node: Node) -> str:
    """Source text on one line, shortened."""
    text = " ".join(syntax.text(node).split())
    return text if len(text) <= 40 else text[:37] + "..."


def _is_array_call(call: Node) -> bool:
    text = syntax.text(call)
    return text.startswith(("Array(", "Array.from(", "new Array("))


def _single_field(model: FileModel, binding: Binding, closure: Function) -> str | None:
    """The one property the closure reads of the binding, when every reference reads just that."""
    fields = set()
    for use in value_uses(model, binding):
        if not closure.contains(use.node):
            continue
        if use.kind is not ValueUseKind.PROPERTY or use.name is None or use.site is None:
            return None  # the closure uses the value itself
        parent = use.site.parent
        if parent is not None and parent.type in ("call_expression", "member_expression", "subscript_expression"):
            if parent.type == "call_expression" or parent.child_by_field_name("object") == use.site:
                return None  # `x.items.map(...)`, `x.rows[0]`: more than a scalar
        fields.add(use.name)
    return fields.pop() if len(fields) == 1 else None


def _long_lived_escape(model: FileModel, closure: Function, outer: Function) -> tuple[Node, str] | None:
    """Where the closure is kept beyond the call: a long-lived store, or a result the module keeps."""
    escapes = model.fact("escapes", escape_analysis)
    for use in escapes.uses(closure):
        if use.is_long_lived:
            return use.node, use.describe()
        if use.kind is UseKind.RETURNED and not use.carriers:
            kept = _result_kept_at_module_level(model, outer)
            if kept is not None:
                return kept
    return None


def _result_kept_at_module_level(model: FileModel, function: Function) -> tuple[Node, str] | None:
    """`const getStats = processReport()` at module level: the returned closure lives as long as the module."""
    if not function.name:
        return None
    for site in model.function_calls(function.name):
        if site.function is not None or model.resolve(site.callee) is None:
            continue
        parent = site.node.parent
        while parent is not None and parent.type in ("await_expression", "parenthesized_expression"):
            parent = parent.parent
        if parent is not None and parent.type == "variable_declarator":
            name = parent.child_by_field_name("name")
            if name is not None and name.type == "identifier":
                return site.node, f"returned to module-level `{syntax.text(name)}`"
        if parent is not None and parent.type == "assignment_expression":
            return site.node, f"returned to `{model.node_text(parent.child_by_field_name('left'), 30)}`"
    return None
