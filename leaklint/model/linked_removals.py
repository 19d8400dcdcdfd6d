"""Removals another file makes: a helper of another module that deletes entries of a shared collection.

`socket.on('disconnect', () => handleDisconnect(socket.id))`, where the imported
`handleDisconnect` does `delete connected[socketid]` on the `connected` object
both files import from a third module (subql's `socketdata.js`): the call takes
the entry out, as a removal written in the listener would.

The per-file summary records, for each exported function, the imported
module-level bindings whose entries it removes (``removed_imports``:
`delete x[k]`, `x.delete(k)`, `x.splice(…)`, `x.clear()`, in the function or an
arrow callback inside it).  The link matches the import to the module it comes
from, and gives each calling file the pairs (the helper it calls, its own local
name for the same collection) (``ExternalFacts.removing_calls``).
``linked_removal_calls`` turns those into the call nodes of this file, so the
request-store fact (``request_stores``) reads them as removals of that collection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.imports import calls_of_imported, imported_name
from leaklint.model.uncalled_cleanups import removing_function
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.scopes import Function

_REMOVAL_METHODS = ("delete", "splice", "clear")


def removed_imports(model: FileModel, function: Function) -> list[str]:
    """Local names of the imported module-level bindings whose entries ``function`` removes."""
    found: list[str] = []
    receivers = [(site.node, site.receiver) for site in model.method_calls(*_REMOVAL_METHODS) if site.receiver is not None]
    for node in model.nodes("delete"):
        receivers.append((node, node.child_by_field_name("argument")))
    for removal, receiver in receivers:
        if not function.contains(removal) or removing_function(model, removal) is not function:
            continue
        root = syntax.unwrap(receiver)
        while root is not None and root.type in ("subscript_expression", "member_expression"):
            root = syntax.unwrap(root.child_by_field_name("object"))
        if root is None or root.type != "identifier":
            continue
        binding = model.resolve(root)
        if binding is None or not binding.is_module_level or imported_name(binding) is None:
            continue
        if binding.name not in found:
            found.append(binding.name)
    return found


def linked_removal_calls(model: FileModel, collection: str) -> list[Node]:
    """Calls of this file to another file's helper that removes entries of the imported ``collection``."""
    found = []
    for (local, member), name in model.external.removing_calls:
        if name != collection:
            continue
        found.extend(call.node for call in calls_of_imported(model, local, member))
    return found
