"""Clean-up functions nobody calls: a removal API that no production code in the project ever uses.

`class Registry { add(id, v) { this.items.set(id, v) } remove(id) { this.items.delete(id) } }`
bounds `items` only if someone calls `remove()`.  When the project link sees
every file and no production file other than this one mentions the name
`remove` at all (no call, no import, no `x.remove` handed on as a value), and
this file mentions it only where it defines it, the removal never runs: it is
no eviction (``eviction_reach.rarely_removes`` says "uncalled clean-up").

The per-file summary records the names of the file's functions that remove
something (``cleanup_names``) and every name the file mentions
(``mentioned_names``); the link decides (``ExternalFacts.uncalled_cleanups``)
only for a file another production file imports (so its users are in the
project), that is no `index` entry and that no other file re-exports with
`export *` (a package's public entry has callers outside the project), and
never in a project with Vue/Svelte components or Angular `templateUrl`s
(their templates call names no summary records).
A removal in a loop or a per-item callback (a sweep) is left out: this fact is
about the removal of one entry a caller names.  Names a framework or the runtime calls for the code (lifecycle hooks,
`dispose()`, `close()`, Node's `_destroy()`) never count as uncalled, and a
name the file reaches by a computed member (`this[name]()`) cannot be judged.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.shape import exported_here
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.scopes import Function

_REMOVAL_METHODS = ("delete", "splice", "clear")
_NAME = re.compile(rb"[A-Za-z_$][\w$]*")
# Called by frameworks, the platform or the runtime, not by the project's own code.
_CALLED_FOR_THE_CODE = frozenset({
    "close", "destroy", "dispose", "shutdown", "stop", "terminate", "teardown", "disconnect", "end", "unmount",
    "componentWillUnmount", "beforeUnmount", "unmounted", "beforeDestroy", "destroyed", "ngOnDestroy",
    "disconnectedCallback", "handleEvent", "onDestroy", "onUnmount", "onClose", "detached",
    "constructor", "toString", "toJSON", "valueOf", "then", "next", "return", "throw",
})


def cleanup_name(model: FileModel, function: Function | None) -> str | None:
    """The name callers use for ``function``: a method's, a declared function's, an object member's, `exports.x`'s."""
    if function is None:
        return None
    if function.method_name:
        return function.method_name
    context = function.context
    if not context:
        return None
    if context[0] == "declared":
        return getattr(context[1], "name", None)
    if context[0] == "property":
        key = context[1]
        return syntax.text(key) if key is not None and key.type in ("property_identifier", "identifier") else None
    if context[0] == "assigned":
        left = syntax.unwrap(context[1])
        prop = left.child_by_field_name("property") if left is not None and left.type == "member_expression" else None
        return syntax.text(prop) if prop is not None else None
    return None


def removing_function(model: FileModel, removal: Node) -> Function | None:
    """The nearest named function around a removal (arrow callbacks inside it belong to it)."""
    function = model.function_at(removal)
    while function is not None and cleanup_name(model, function) is None:
        if function.node.type != "arrow_function" or (function.context and function.context[0] != "argument"):
            return None
        function = function.parent
    return function


def cleanup_names(model: FileModel) -> tuple[str, ...]:
    """Names of the file's functions that delete, splice or clear something (the summary's candidates)."""
    names = set()
    removals = [site.node for site in model.method_calls(*_REMOVAL_METHODS)] + list(model.nodes("delete"))
    for removal in removals:
        name = cleanup_name(model, removing_function(model, removal))
        if name and _judgeable(name):
            names.add(name)
    return tuple(sorted(names))


def mentioned_names(model: FileModel) -> tuple[str, ...]:
    """Every identifier-like word of the file: any of them may be a call, import or hand-off of a clean-up."""
    # Deduplicated as bytes first (in C): a file mentions each name many times, and only the distinct ones
    # need decoding. The pattern matches ASCII only, so decoding cannot merge two distinct names.
    return tuple(sorted(name.decode("ascii") for name in set(_NAME.findall(model.source))))


def _judgeable(name: str) -> bool:
    return name not in _CALLED_FOR_THE_CODE and not name.startswith("_") and len(name) > 2


def uncalled_cleanup(model: FileModel, removal: Node) -> str | None:
    """The name of the clean-up function around ``removal`` when no production code in the project calls it."""
    if not model.external.uncalled_cleanups:
        return None
    function = removing_function(model, removal)
    if function is None or _in_sweep(removal, function):
        return None
    if function.context and function.context[0] == "property":
        holder = function.node.parent
        while holder is not None and holder.type in ("pair", "method_definition", "object"):
            holder = holder.parent
        if holder is not None and holder.type == "arguments":
            return None  # `registerComponent('x', { remove() {…} })`: the callee calls its members
    name = cleanup_name(model, function)
    if not name or not _judgeable(name) or not model.external.cleanup_uncalled(name):
        return None
    if re.search(rb"\[\s*[A-Za-z_$][\w$.]*\s*\]\s*\(", model.source):
        return None  # `this[name]()`: the file calls members it computes
    mentions = len(re.findall(rb"(?<![\w$])" + re.escape(name.encode()) + rb"(?![\w$])", model.source))
    return name if mentions <= _definition_mentions(model, function) else None


_LOOPS = frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement", "arrow_function",
                    "function_expression"})


def _in_sweep(removal: Node, function: Function) -> bool:
    """The removal sits in a loop or a per-item callback of the function: a sweep, an eviction policy of its own.

    Who runs a sweep is left to the other facts (a sweep nothing starts is a
    decided miss: the corpus's mcp-adr case); this fact is for the removal of
    one entry a caller names (`remove(id)`, `unsubscribe()`).
    """
    node = removal.parent
    while node is not None and node != function.node:
        if node.type in _LOOPS:
            return True
        node = node.parent
    return False


def _definition_mentions(model: FileModel, function: Function) -> int:
    """How many mentions of its name defining and exporting ``function`` takes (`function f`, `export { f }`)."""
    context = function.context
    if context and context[0] == "declared":
        binding = context[1]
        exported = [r for r in binding.reads if exported_here(r.node)]
        return 1 + len(exported) if len(exported) == len(binding.reads) else 0
    return 1
