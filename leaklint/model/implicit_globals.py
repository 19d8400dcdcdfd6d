"""Assignments inside functions to names no scope declares, in sloppy-mode CommonJS scripts.

A shared fact for LL012. In a sloppy-mode script, `count = 0` inside a
function with no `let`/`const`/`var` for `count` creates a property of the
global object, which lives as long as the process. The fact is computed only
for scripts parsed as JavaScript (not `.mjs`, `.jsx` or TypeScript) that look like CommonJS (they call
`require()` or touch `module.exports`/`exports`), have no `import`/`export`,
and have no `'use strict'` directive at the top (a function with its own
directive is skipped too). Each implicit global records its writes, and
whether the value it holds grows: `x += …`, `x = x.concat(…)`,
`x = [...x, …]`, `x.push(…)`/`unshift`, `x[key] = …`.

Shared through ``model.fact("implicit_globals", implicit_globals)``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.scopes import Reference
from leaklint.syntax import Grammar, Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

MODULE_OR_JSX_EXTENSIONS = frozenset({".mjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"})
GROWING_METHODS = frozenset({"push", "unshift", "concat", "set", "add"})
# Names a script may assign on purpose, or that the runtime provides.
KNOWN_GLOBALS = frozenset(
    {"module", "exports", "require", "process", "global", "globalThis", "window", "self", "console",
     "__dirname", "__filename", "undefined", "NaN", "Infinity",
     # built-ins a polyfill or shim reassigns (`isNaN = …`, `Promise = require('bluebird')`): the
     # global exists already, so the assignment replaces it and creates nothing new
     "isNaN", "isFinite", "parseInt", "parseFloat", "encodeURIComponent", "decodeURIComponent", "encodeURI",
     "decodeURI", "escape", "unescape", "JSON", "Math", "Object", "Array", "String", "Number", "Boolean",
     "Symbol", "Date", "RegExp", "Error", "Promise", "Map", "Set", "WeakMap", "WeakSet", "Proxy", "Reflect",
     "setTimeout", "setInterval", "clearTimeout", "clearInterval", "setImmediate", "clearImmediate", "Buffer",
     "fetch", "document", "navigator", "location", "localStorage", "sessionStorage"}
)


@dataclass
class ImplicitGlobal:
    """An undeclared name written inside functions."""

    name: str
    writes: list[Reference] = field(default_factory=list)  # the writes inside functions
    growth: Node | None = None  # where the value grows, when it does

    @property
    def first(self) -> Reference:
        """The first write inside a function."""
        return min(self.writes, key=lambda r: r.node.start_byte)


def implicit_globals(model: FileModel) -> list[ImplicitGlobal]:
    """Every implicit global of a sloppy-mode CommonJS script (empty for any other file)."""
    if not _is_sloppy_commonjs(model):
        return []
    found = []
    for name, references in model.scopes.globals.items():
        if name in KNOWN_GLOBALS:
            continue
        writes = [r for r in references if _is_write(r) and model.function_at(r.node) is not None
                  and not _strict_function(model, r.node)]
        if not writes:
            continue
        entry = ImplicitGlobal(name, writes)
        growth = next((node for r in references if (node := _growth(r)) is not None), None)
        if growth is not None and not _reset_where_it_grows(model, writes, growth):
            entry.growth = growth
        found.append(entry)
    found.sort(key=lambda g: g.first.node.start_byte)
    return found


def _reset_where_it_grows(model: FileModel, writes: list[Reference], growth: Node) -> bool:
    """`codes = {}` in the function that then fills it: the value is rebuilt per call, not kept growing."""
    for write in writes:
        parent = write.node.parent
        if parent is None or parent.type != "assignment_expression" or parent.child_by_field_name("left") != write.node:
            continue
        right = syntax.unwrap(parent.child_by_field_name("right"))
        function = model.function_at(write.node)
        if right is not None and right.type in ("object", "array", "string", "template_string") and (
            function is not None and function.contains(growth)
        ):
            return True
    return False


def _is_sloppy_commonjs(model: FileModel) -> bool:
    if model.grammar is not Grammar.JAVASCRIPT or os.path.splitext(model.path)[1].lower() in MODULE_OR_JSX_EXTENSIONS:
        return False
    if model.nodes("import") or model.nodes("export"):
        return False
    if _has_use_strict(model.tree.root_node):
        return False
    globals_ = model.scopes.globals
    return bool(globals_.get("require") or globals_.get("module") or globals_.get("exports"))


def _has_use_strict(body: Node | None) -> bool:
    """A `'use strict'` directive among the leading string statements of a body."""
    if body is None:
        return False
    for statement in body.named_children:
        if statement.type == "comment":
            continue
        if statement.type != "expression_statement" or not statement.named_children:
            return False
        value = statement.named_children[0]
        if value.type != "string":
            return False
        if syntax.string_value(value) == "use strict":
            return True
    return False


def _strict_function(model: FileModel, node: Node) -> bool:
    function = model.function_at(node)
    while function is not None:
        if _has_use_strict(function.body):
            return True
        function = function.parent
    return False


def _is_write(reference: Reference) -> bool:
    if reference.is_write:
        return True
    parent = reference.node.parent
    return parent is not None and parent.type == "for_in_statement" and parent.child_by_field_name("left") == reference.node


def _growth(reference: Reference) -> Node | None:
    """The node where a reference makes the global's value grow, if it does."""
    node = reference.node
    parent = node.parent
    if parent is None:
        return None
    if parent.type == "augmented_assignment_expression" and parent.child_by_field_name("left") == node:
        operator = parent.child_by_field_name("operator")
        return parent if operator is not None and operator.type == "+=" else None
    if parent.type == "member_expression" and parent.child_by_field_name("object") == node:
        prop = parent.child_by_field_name("property")
        call = parent.parent
        if prop is not None and syntax.text(prop) in GROWING_METHODS and call is not None and call.type == "call_expression":
            return call
    if parent.type == "subscript_expression" and parent.child_by_field_name("object") == node:
        assignment = parent.parent
        if assignment is not None and assignment.type == "assignment_expression" and assignment.child_by_field_name("left") == parent:
            return assignment
    if parent.type == "spread_element" and parent.parent is not None and parent.parent.type == "array":
        assignment = parent.parent.parent
        if assignment is not None and assignment.type == "assignment_expression":
            return assignment  # `x = [...x, item]`
    return None
