"""Lazily created module singletons, reached through their getter.

`let db; const getDb = () => { if (!db) db = new Db(); return db; };` and
`static getInstance() { if (!X.instance) X.instance = new X(); return X.instance; }`
make one instance the first time they are called and hand out that same
instance ever after: what a call of the getter returns lives as long as the
module (round-7 fresh sample, Tupaia: the one shared database reached through
`getDatabase()` and a constructor parameter).

The getter takes no parameter, every `return` returns the slot (a
module-level `let`/`var`, or a static field `X.instance` / `this.instance`),
or `slot || (slot = …)` / `slot ?? (slot = …)`, and every assignment to the
slot in the file is either made under a test that it is empty (`if (!slot)`,
`if (slot == null)`, `slot ??= …`, `slot ||= …`) or resets it to
null/undefined. A getter that assigns the slot unconditionally re-creates the
instance on every call and is not one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.scopes import Function

_EMPTY = frozenset({"null", "undefined", "void 0"})


def _slot_text(node: Node | None) -> str | None:
    node = syntax.unwrap(node)
    if node is None or node.type not in ("identifier", "member_expression"):
        return None
    if node.type == "member_expression":
        obj = syntax.unwrap(node.child_by_field_name("object"))
        if obj is None or obj.type not in ("identifier", "this"):
            return None
    return "".join(syntax.text(node).split())


def _returns(function: Function) -> list[Node]:
    """The `return` statements of the function itself (not of nested functions)."""
    body = function.body
    if body is None:
        return []
    if body.type != "statement_block":
        return [body]  # `() => db ?? (db = new Db())`: the expression body is returned
    return syntax.own_return_statements(body)


def _returned_slot(value: Node | None) -> str | None:
    """`slot`, or `slot || (slot = …)` / `slot ?? (slot = …)`: the slot returned."""
    value = syntax.unwrap(value)
    if value is None:
        return None
    if value.type == "binary_expression":
        operator = value.child_by_field_name("operator")
        right = syntax.unwrap(value.child_by_field_name("right"))
        left = _slot_text(value.child_by_field_name("left"))
        if operator is not None and operator.type in ("||", "??") and right is not None and right.type == "assignment_expression":
            if left is not None and _slot_text(right.child_by_field_name("left")) == left:
                return left
        return None
    if value.type == "augmented_assignment_expression":  # `return slot ??= new Db()`
        operator = value.child_by_field_name("operator")
        if operator is not None and operator.type in ("??=", "||="):
            return _slot_text(value.child_by_field_name("left"))
        return None
    return _slot_text(value)


def _tests_empty(condition: Node | None, slot: str) -> bool:
    """`!slot`, `slot == null`, `slot === undefined`, `typeof slot === 'undefined'` (parenthesized)."""
    node = syntax.unwrap(condition)
    if node is None:
        return False
    if node.type == "unary_expression":
        operator = node.child_by_field_name("operator")
        return operator is not None and operator.type == "!" and _slot_text(node.child_by_field_name("argument")) == slot
    if node.type == "binary_expression":
        operator = node.child_by_field_name("operator")
        left, right = syntax.unwrap(node.child_by_field_name("left")), syntax.unwrap(node.child_by_field_name("right"))
        if operator is None or operator.type not in ("==", "===") or left is None or right is None:
            return False
        if syntax.text(right) in _EMPTY:
            return _slot_text(left) == slot
    return False


def _guarded(assign: Node, slot: str) -> bool:
    """The assignment runs only while the slot is empty."""
    if assign.type == "augmented_assignment_expression":
        operator = assign.child_by_field_name("operator")
        return operator is not None and operator.type in ("??=", "||=")
    child, parent = assign, assign.parent
    while parent is not None and parent.type not in syntax.FUNCTION_KINDS and parent.type != "program":
        if parent.type == "if_statement" and parent.child_by_field_name("consequence") == child:
            if _tests_empty(parent.child_by_field_name("condition"), slot):
                return True
        if parent.type == "binary_expression" and parent.child_by_field_name("right") == child:
            operator = parent.child_by_field_name("operator")  # `slot || (slot = …)`
            if operator is not None and operator.type in ("||", "??") and _slot_text(parent.child_by_field_name("left")) == slot:
                return True
        child, parent = parent, parent.parent
    return False


def lazy_singleton_slot(model: FileModel, function: Function | None) -> str | None:
    """The slot (`db`, `Db.instance`) of a getter that creates one instance lazily and returns it, else None."""
    if function is None or function.params or function.body is None:
        return None
    memo = model.fact("lazy-singleton-getters", lambda _: {})
    key = function.node.start_byte
    if key not in memo:
        memo[key] = _slot(model, function)
    return memo[key]


def _slot(model: FileModel, function: Function) -> str | None:
    returns = _returns(function)
    if not returns:
        return None
    slots = set()
    for statement in returns:
        value = statement.named_children[0] if statement.type == "return_statement" and statement.named_children else statement
        if statement.type == "return_statement" and not statement.named_children:
            return None
        slot = _returned_slot(value)
        if slot is None:
            return None
        slots.add(slot)
    if len(slots) != 1:
        return None
    slot = slots.pop()
    if "." not in slot:
        binding = model.resolve(_first_identifier(function, slot, returns))
        if binding is None or not binding.is_module_level or binding.kind not in ("let", "var"):
            return None
        init = syntax.unwrap(binding.init)
        if init is not None and syntax.text(init) not in _EMPTY:
            return None
    elif slot.startswith("this.") and not (function.context and function.context[0] == "method" and function.context[3]):
        return None  # `this.instance` is a static slot only in a static method
    assigned = False
    for assign in model.nodes("assign"):
        left = assign.child_by_field_name("left")
        if _slot_text(left) != slot:
            continue
        right = syntax.unwrap(assign.child_by_field_name("right"))
        if right is not None and syntax.text(right) in _EMPTY:
            continue  # a reset: the next call makes the one instance again
        if model.function_at(assign) is not function or not _guarded(assign, slot):
            return None  # made again elsewhere, or on every call
        assigned = True
    return slot if assigned else None


def _first_identifier(function: Function, slot: str, returns: list[Node]) -> Node | None:
    for statement in returns:
        pending = [statement]
        while pending:
            node = pending.pop()
            if node.type == "identifier" and syntax.text(node) == slot:
                return node
            pending.extend(node.named_children)
    return None


def getter_called(model: FileModel, call: Node) -> Function | None:
    """The function a call `getDb()`, `Db.getInstance()`, `this.getInstance()` (static) names in the file."""
    callee = syntax.unwrap(call.child_by_field_name("function"))
    if callee is None:
        return None
    if callee.type == "identifier":
        binding = model.resolve(callee)
        if binding is None:
            return None
        if binding.kind == "function":
            return model.scopes.functions.get(binding.declaration.start_byte)
        if binding.kind in ("const", "let", "var") and binding.init is not None and not binding.writes:
            init = syntax.unwrap(binding.init)
            return model.scopes.functions.get(init.start_byte) if init is not None else None
        return None
    if callee.type != "member_expression":
        return None
    obj = syntax.unwrap(callee.child_by_field_name("object"))
    prop = callee.child_by_field_name("property")
    if obj is None or prop is None:
        return None
    owner = None
    if obj.type == "identifier":
        binding = model.resolve(obj)
        owner = binding.name if binding is not None and binding.kind == "class" else None
    elif obj.type == "this":
        function = model.function_at(call)
        function = function.this_owner if function is not None else None
        context = function.context if function is not None else ()
        if context and context[0] == "method" and context[3] and context[1].name:
            owner = context[1].name
    if owner is None:
        return None
    matches = model.fact("static-methods-by-name", _static_methods).get(f"{owner}.{syntax.text(prop)}", [])
    return matches[0] if len(matches) == 1 else None


def _static_methods(model: FileModel) -> dict[str, list[Function]]:
    found: dict[str, list[Function]] = {}
    for function in model.functions:
        context = function.context
        if function.name and context and context[0] == "method" and context[3]:
            found.setdefault(function.name, []).append(function)
    return found
