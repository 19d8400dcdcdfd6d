"""Closure contexts: the variables V8 keeps in the one context object a function call's closures share.

When a function runs, V8 puts every local variable that some inner closure
references into one context object, and every closure created during that
call points to that same context, whether it uses the variables or not. So a
closure that escapes keeps alive every variable any of its sibling closures
uses. This module says, for each function, which closures it creates, which of
its variables are context-allocated, and through which closures.

Shared through ``model.fact("closure_contexts", closure_contexts)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.scopes import Binding, Function, Reference, ScopeKind
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

BUFFER_FACTORIES = frozenset({"alloc", "allocUnsafe", "allocUnsafeSlow", "from", "concat"})
READ_CALLS = frozenset({"readFileSync", "readFile"})
_CHAINED_BUILDERS = frozenset({"fill", "map", "filter", "concat", "slice"})


@dataclass(frozen=True)
class ContextVariable:
    """A variable of a function that its closures reference, so V8 keeps it in the shared context."""

    binding: Binding
    function: Function  # the function whose call creates the context
    holders: tuple[Function, ...]  # closures made directly in `function` that reference it, maybe via nested ones
    references: tuple[Reference, ...]  # the references from inside closures
    path: tuple[Function, ...]  # every function between a reference and `function` (holders included)


@dataclass
class ClosureContext:
    """One function's shared closure context: the closures it creates and the variables they share."""

    function: Function
    closures: list[Function] = field(default_factory=list)  # created directly in the function, in source order
    candidates: list[Binding] = field(default_factory=list)  # the function's own variables and parameters
    model: FileModel | None = None
    _variables: list[ContextVariable] | None = None

    @property
    def variables(self) -> list[ContextVariable]:
        """The candidates some closure references: computed on first use, since most contexts are never asked."""
        if self._variables is None:
            found = (self.variable_of(b) for b in self.candidates)
            self._variables = [v for v in found if v is not None]
        return self._variables

    def variable_of(self, binding: Binding) -> ContextVariable | None:
        """The context variable for one of the function's bindings, or None if no closure references it."""
        return _context_variable(self.model, binding, self.function)

    def sharers(self, variable: ContextVariable) -> list[Function]:
        """Closures that keep ``variable`` alive without referencing it: they only share its context."""
        holders = {id(f) for f in variable.holders}
        scope = variable.binding.scope
        return [
            closure
            for closure in self.closures
            if id(closure) not in holders and scope.contains(closure.node.start_byte)
        ]


@dataclass
class ClosureContexts:
    """Every function's closure context, keyed by function node start."""

    by_function: dict[int, ClosureContext]

    def of(self, function: Function) -> ClosureContext | None:
        """The context of a function's calls, or None when it creates no closures."""
        return self.by_function.get(function.node.start_byte)

    def all(self) -> list[ClosureContext]:
        """Every function that creates closures, in source order."""
        return sorted(self.by_function.values(), key=lambda c: c.function.node.start_byte)


def closure_contexts(model: FileModel) -> ClosureContexts:
    """Build (once per file, through ``model.fact``) the closure contexts of every function."""
    contexts: dict[int, ClosureContext] = {}
    for function in model.functions:
        parent = function.parent
        if parent is None:
            continue
        context = contexts.get(parent.node.start_byte)
        if context is None:
            context = contexts[parent.node.start_byte] = ClosureContext(parent, model=model)
        context.closures.append(function)
    for context in contexts.values():
        context.closures.sort(key=lambda f: f.node.start_byte)
    for binding in model.scopes.bindings:
        if binding.kind not in ("const", "let", "var", "param"):
            continue
        owner_scope = binding.scope.enclosing_function_scope()
        if owner_scope.kind is not ScopeKind.FUNCTION or owner_scope.function is None:
            continue
        context = contexts.get(owner_scope.function.node.start_byte)
        if context is not None:
            context.candidates.append(binding)
    return ClosureContexts(contexts)


def _context_variable(model: FileModel, binding: Binding, owner: Function) -> ContextVariable | None:
    holders: dict[int, Function] = {}
    references: list[Reference] = []
    path: dict[int, Function] = {}
    for reference in binding.references:
        function = model.function_at(reference.node)
        if function is None or function is owner:
            continue
        references.append(reference)
        while function is not None and function is not owner:
            path[id(function)] = function
            if function.parent is owner:
                holders[id(function)] = function
                break
            function = function.parent
    if not references:
        return None
    return ContextVariable(binding, owner, tuple(holders.values()), tuple(references), tuple(path.values()))


# Built-ins whose instances have a small fixed size, whatever they are made from.
SMALL_VALUE_CLASSES = frozenset(
    {"RegExp", "Date", "URL", "Error", "TypeError", "RangeError", "TextEncoder", "TextDecoder", "AbortController"}
)


def allocation(node: Node | None) -> str | None:
    """What a variable's initialiser builds, when it allocates: "an array", "a Buffer", "a new `Foo`"."""
    node = syntax.unwrap(node)
    if node is None:
        return None
    if node.type == "await_expression":
        inner = node.named_children[0] if node.named_children else None
        return allocation(inner) if inner is not None and inner.type == "call_expression" else None
    if node.type == "array":
        return "an array"
    if node.type == "object":
        return "an object"
    if node.type == "new_expression":
        constructor = syntax.unwrap(node.child_by_field_name("constructor"))
        name = syntax.text(constructor) if constructor is not None else "?"
        if name in SMALL_VALUE_CLASSES or name.startswith("Intl."):
            return None  # a fixed-size value: keeping one alive holds no payload
        return f"a new `{name}`"
    if node.type != "call_expression":
        return None
    callee = syntax.unwrap(node.child_by_field_name("function"))
    if callee is None:
        return None
    if callee.type == "identifier":
        name = syntax.text(callee)
        if name == "Array":
            return "an array"
        if name in READ_CALLS:
            return "file contents"
        return None
    if callee.type != "member_expression":
        return None
    obj = syntax.unwrap(callee.child_by_field_name("object"))
    prop = callee.child_by_field_name("property")
    method = syntax.text(prop) if prop is not None else ""
    owner = syntax.text(obj) if obj is not None and obj.type == "identifier" else None
    if owner == "Buffer" and method in BUFFER_FACTORIES:
        return "a Buffer"
    if owner == "Array" and method in ("from", "of"):
        return "an array"
    if owner == "JSON" and method == "parse":
        return "a parsed JSON value"
    if method in READ_CALLS:
        return "file contents"
    if method in _CHAINED_BUILDERS:
        return allocation(obj)  # `new Array(n).fill(x)`, `Buffer.alloc(n).fill(0)`
    return None
