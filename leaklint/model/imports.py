"""Which module a binding comes from: `import`, `require()`, `await import()`, destructured or not.

A dynamic import bound by a declaration (`const { getUser } = await import('./users.js')`,
`const users = await import('./users.js')`) names the module as a static import does: the
binding holds that module's export (or its namespace) whenever the code after it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.scopes import Binding
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

WHOLE_MODULE = "*"


def imported_name(binding: Binding | None) -> tuple[str, str] | None:
    """(module, exported name) for a binding that imports something; the name is "*" for the whole module.

    `import net from 'net'`, `import * as net from 'net'`, `const net = require('net')`
    give ("net", "*"); `import { connect as c } from 'net'`,
    `const { connect: c } = require('net')` and `const c = require('net').connect`
    give ("net", "connect").
    """
    if binding is None:
        return None
    if binding.kind == "import":
        return _from_import_statement(binding)
    if binding.kind not in ("const", "let", "var"):
        return None
    init = syntax.unwrap(binding.init)
    if init is not None:
        module = require_source(init) or dynamic_import_source(init)
        if module is not None:
            return (module, WHOLE_MODULE)
        if init.type == "member_expression":
            module = require_source(init.child_by_field_name("object"))
            prop = init.child_by_field_name("property")
            if module is not None and prop is not None:
                return (module, syntax.text(prop))
        return None
    module = require_source(binding.destructured_from) or dynamic_import_source(binding.destructured_from)
    if module is None:
        return None
    name = destructured_key(binding.node)
    return (module, name) if name is not None else None


def module_of(model: FileModel, node: Node | None) -> str | None:
    """The module a whole-module binding (`net`, `zlib`, `timers`) was imported from."""
    node = syntax.unwrap(node)
    if node is None or node.type != "identifier":
        return None
    imported = imported_name(model.resolve(node))
    if imported is None or imported[1] != WHOLE_MODULE:
        return None
    return imported[0]


def is_require_call(node: Node | None) -> bool:
    """`require(...)`, whatever it requires."""
    node = syntax.unwrap(node)
    if node is None or node.type != "call_expression":
        return False
    callee = syntax.unwrap(node.child_by_field_name("function"))
    return callee is not None and callee.type == "identifier" and callee.text == b"require"


def require_source(node: Node | None) -> str | None:
    """'m' for `require('m')`, else None."""
    node = syntax.unwrap(node)
    if not is_require_call(node):
        return None
    arguments = node.child_by_field_name("arguments")
    if arguments is None or not arguments.named_children:
        return None
    return syntax.string_value(arguments.named_children[0])


def dynamic_import_source(node: Node | None) -> str | None:
    """'m' for `await import('m')` (in parentheses or not), else None.

    Only the awaited form: `import('m')` alone is a promise of the module, not the module.
    """
    node = syntax.unwrap(node)
    if node is None or node.type != "await_expression" or not node.named_children:
        return None
    call = syntax.unwrap(node.named_children[0])
    if call is None or call.type != "call_expression":
        return None
    callee = call.child_by_field_name("function")
    arguments = call.child_by_field_name("arguments")
    if callee is None or callee.type != "import" or arguments is None or not arguments.named_children:
        return None
    return syntax.string_value(arguments.named_children[0])


def bare_module(module: str) -> str:
    """`node:fs` -> `fs`, `fs/promises` stays."""
    return module[5:] if module.startswith("node:") else module


def _from_import_statement(binding: Binding) -> tuple[str, str] | None:
    statement = binding.declaration
    source = statement.child_by_field_name("source")
    if source is None:
        for child in statement.named_children:
            if child.type == "import_require_clause":
                source = child.child_by_field_name("source")
    module = syntax.string_value(source)
    if module is None:
        return None
    specifier = binding.init
    if specifier is not None and specifier.type == "import_specifier":
        name = specifier.child_by_field_name("name")
        return (module, syntax.string_value(name) or syntax.text(name)) if name is not None else None
    return (module, WHOLE_MODULE)


def destructured_key(identifier: Node) -> str | None:
    """The property a destructured name was read from: `{ a }` -> a, `{ a: b }` -> a."""
    if identifier.type == "shorthand_property_identifier_pattern":
        return syntax.text(identifier)
    parent = identifier.parent
    if parent is not None and parent.type == "assignment_pattern":  # `{ a: b = 1 }`
        parent = parent.parent
    if parent is not None and parent.type == "pair_pattern":
        key = parent.child_by_field_name("key")
        if key is not None:
            return syntax.string_value(key) or syntax.text(key)
    return None


def calls_of_imported(model: FileModel, local: str, member: str | None) -> list:
    """This file's calls of the module-level binding ``local`` (`local(…)`), or of its ``member`` (`local.member(…)`).

    The link names another file's helper by the importing file's own binding and, for a namespace or
    default object, the member called on it; a call through a shadowing local of the same name is not it.
    """
    found = []
    for call in model.method_calls(member) if member else model.function_calls(local):
        holder = syntax.unwrap(call.receiver) if member else syntax.unwrap(call.callee)
        if holder is None or holder.type != "identifier" or syntax.text(holder) != local:
            continue
        binding = model.resolve(holder)
        if binding is not None and binding.is_module_level:
            found.append(call)
    return found
