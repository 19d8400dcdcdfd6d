"""Caches that index another collection: one entry per key of a collection the file already keeps.

`if (!proxies.has(id)) proxies.set(id, new Proxy(states.get(id), …))` builds
each entry from the entry of `states` under the same key.  The memo holds one
entry per key of `states` that is asked for: a view of that collection, and
bounded by it.  Whether `states` itself grows without bound is that
collection's own question (LL001 asks it of `states`), so the view is not
reported as a second cache of the same keys.

Only a read of a collection the file declares counts: a local or module
binding created as a Map, Set, array or object (`new Map()`, `{}`), read by
the growth's own key (`states.get(id)`, `states[id]`).  A read of anything
else (`db.find(id)`, `fetch(url)`) is a load, and the memo keyed by it is a
cache like any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel


def indexed_collection_read(model: FileModel, value: Node | None, key: Node | None, path) -> Node | None:
    """The read `other.get(key)` / `other[key]` of another declared collection inside ``value``, else None.

    ``value`` is what the growth stores, ``key`` the key it stores it under and
    ``path`` the growing collection's access path (a read of itself is a
    lookup, not an index).
    """
    value, key = syntax.unwrap(value), syntax.unwrap(key)
    if value is None or key is None:
        return None
    key_text = syntax.text(key)
    for node in syntax.walk(value):
        if node.type == "call_expression":
            callee = syntax.unwrap(node.child_by_field_name("function"))
            if callee is None or callee.type != "member_expression":
                continue
            prop = callee.child_by_field_name("property")
            if prop is None or syntax.text(prop) not in ("get", "has"):
                continue
            arguments = node.child_by_field_name("arguments")
            named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
            if not named or syntax.text(syntax.unwrap(named[0])) != key_text:
                continue
            receiver = callee.child_by_field_name("object")
        elif node.type == "subscript_expression":
            index = node.child_by_field_name("index")
            if index is None or syntax.text(syntax.unwrap(index)) != key_text:
                continue
            receiver = node.child_by_field_name("object")
        else:
            continue
        if _declared_collection(model, receiver) and model.access_path(receiver) != path:
            return node
    return None


def _declared_collection(model: FileModel, receiver: Node | None) -> bool:
    """An identifier bound by `const`/`let`/`var` to a new Map, Set, array or object."""
    from leaklint.model.collections import collection_kind

    receiver = syntax.unwrap(receiver)
    if receiver is None or receiver.type != "identifier":
        return False
    binding = model.resolve(receiver)
    return binding is not None and binding.kind in ("const", "let", "var") and collection_kind(binding.init) is not None
