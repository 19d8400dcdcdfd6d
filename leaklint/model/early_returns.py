"""An early `return` in a closing listener that leaves before every removal of the entry.

The Throneteki lobby's 'disconnect' listener deletes `this.sockets[socket.id]`
for anonymous sockets, and for a logged-in user only at its end, after
`var game = this.findGameForUser(…); if (!game) return;`: every user who
disconnects while not in a game keeps the entry.  A removal somewhere in the
listener is not a removal on every way through it.

``return_before_removals`` answers the first such `return`, given the function
and the removals in it: a `return` (outside nested functions) that comes before
the last removal and that no removal runs before on its way, where "runs
before" means a removal in an unconditional statement of a block that holds
the `return`, earlier in that block (`delete …; return;` in the same branch, or
a removal at the top of the listener).  A `return` under an `if` whose test
reads one of the listener's parameters, or a name the caller says holds the
closing object (`if (!socket) return;`, `if (socket.user) …`), is a test of
the closing object itself, not a way the entry
is kept, and is passed over; so is anything in a `try`'s `finally`, which runs
on every way out.  Only the listener's own body is looked into: removals in
functions it calls are not weighed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.scopes import Function
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

_BLOCKS = frozenset({"statement_block", "program", "switch_case", "switch_default"})


def return_before_removals(
    model: FileModel, function: Function, removals: list[Node], closing: frozenset[str] = frozenset()
) -> Node | None:
    """The first `return` of ``function`` that leaves before any of ``removals`` has run, else None.

    ``closing`` names more bindings that hold the closing object (the connection handler's parameter
    an inline listener closes over): a test of them is passed over like one of a parameter."""
    own = [r for r in removals if model.function_at(r) is function]
    if not own or function.body is None or function.body.type != "statement_block":
        return None
    last = max(r.start_byte for r in own)
    parameters = {p.name for p in function.params} | closing
    for node in sorted(syntax.own_return_statements(function.body), key=lambda n: n.start_byte):
        if node.start_byte >= last:
            break
        if _in_finally(node, function.node):
            continue
        if any(_runs_before(r, node, function.node) for r in own):
            continue
        if _tests_parameter(node, function.node, parameters):
            continue
        return node
    return None


def _runs_before(removal: Node, exit_node: Node, stop: Node) -> bool:
    """``removal`` is in an unconditional statement of a block around ``exit_node``, earlier in that block."""
    statement = removal
    while statement.parent is not None and statement.parent != stop:
        parent = statement.parent
        if parent.type in _BLOCKS:
            if statement.type in ("expression_statement", "variable_declaration", "lexical_declaration") \
                    and parent.start_byte <= exit_node.start_byte < parent.end_byte \
                    and statement.end_byte <= exit_node.start_byte:
                return True
            return False  # the removal's own statement is not straight-line code of a block around the exit
        statement = parent
    return False


def _tests_parameter(exit_node: Node, stop: Node, parameters: set[str]) -> bool:
    """The nearest `if` around the `return` tests one of the listener's parameters."""
    node = exit_node.parent
    while node is not None and node != stop:
        if node.type == "if_statement":
            test = node.child_by_field_name("condition")
            names = {syntax.text(n) for n in _identifiers(test)}
            return bool(names & parameters)
        node = node.parent
    return False


def _identifiers(node: Node | None) -> list[Node]:
    if node is None:
        return []
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier":
            found.append(current)
        elif current.type == "member_expression":
            stack.append(current.child_by_field_name("object"))  # `socket.user`: the object, not the property
        else:
            stack.extend(current.named_children)
    return found


def _in_finally(node: Node, stop: Node) -> bool:
    parent = node.parent
    while parent is not None and parent != stop:
        if parent.type == "finally_clause":
            return True
        parent = parent.parent
    return False
