"""Listener classes of bot and plugin frameworks that declare themselves one-shot.

Discord bot frameworks (Sapphire, @eartharoid/dbf, and many hand-written
loaders) make one listener per file: a class extending the framework's
`Listener`, whose constructor hands the framework its options through
`super(…, { event: 'ready', once: true })`. The framework registers the
instance with `emitter.once(event, …)`, so its methods handle one event: what
they start or register happens once per instance, and the loader makes one
instance per file. Without the option (or with `once: false`) the instance
handles every event, as any listener.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model.scopes import ClassInfo


def declared_once(info: ClassInfo) -> Node | None:
    """The `once: true` pair in an options object the class's constructor passes to `super()`, or None."""
    if info.superclass is None:
        return None
    for constructor in info.methods.get("constructor", ()):
        stack = [constructor.body] if constructor.body is not None else []
        while stack:
            node = stack.pop()
            if node.type in syntax.FUNCTION_KINDS:
                continue  # a nested function's super() is not the constructor's
            if node.type == "call_expression":
                callee = node.child_by_field_name("function")
                if callee is not None and callee.type == "super":
                    pair = _once_true(node.child_by_field_name("arguments"))
                    if pair is not None:
                        return pair
            stack.extend(node.named_children)
    return None


def _once_true(arguments: Node | None) -> Node | None:
    for argument in arguments.named_children if arguments is not None else ():
        argument = syntax.unwrap(argument)
        if argument is None or argument.type != "object":
            continue
        for member in argument.named_children:
            if member.type != "pair":
                continue
            key = member.child_by_field_name("key")
            value = syntax.unwrap(member.child_by_field_name("value"))
            if key is not None and syntax.text(key).strip("'\"") == "once" and value is not None and value.type == "true":
                return member
    return None
