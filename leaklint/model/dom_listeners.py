"""Facts about DOM `addEventListener` that Node's EventEmitter does not share.

An EventTarget keeps at most one registration per (type, listener, capture):
"if multiple identical event listeners are registered on the same
EventTarget with the same parameters, the duplicate instances are discarded"
(DOM standard, "add an event listener").  So adding *the same function* again
on every event adds nothing: `el.addEventListener('mouseup', Effect.hide)` in a
`mousedown` handler leaves one listener however often it runs.  Only a function
made anew per call (a closure, a `.bind()`) accumulates.  `emitter.on()` keeps
every duplicate, so none of this applies to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.scopes import Binding
from leaklint.model.shape import component_instance_scope, module_like_scopes
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.listeners import Registration


def deduplicated_by_target(model: FileModel, registration: Registration) -> bool:
    """`addEventListener(type, f)` where `f` is one module-level function every call passes again.

    The listener must be a module-level function or object property
    (`onScroll`, `Effect.hide`) that no function reassigns, and the capture
    flag must be the same on every call (absent, a literal, or an options
    object of literals).  A `this.x`, a parameter, or a local of the
    registering function may be a new function each time and does not count;
    nor does a top-level function of a component instance script (Vue
    `<script setup>`), which is made anew for every instance.
    """
    site = registration.site
    if site.method != "addEventListener" or not _constant_options(site.argument(2)):
        return False
    listener = syntax.unwrap(registration.listener)
    if listener is None or listener.type not in ("identifier", "member_expression"):
        return False
    path = model.access_path(listener)
    if path is None or not isinstance(path[0], Binding):
        return False
    root: Binding = path[0]
    if root.kind not in ("function", "const", "let", "var", "class"):
        return False
    if not root.is_module_level and root.scope not in module_like_scopes(model):
        return False  # a top-level IIFE's (or UMD factory's) bindings are module bindings in all but name
    if component_instance_scope(model):
        return False  # a Vue `<script setup>` / Svelte script runs per instance: its functions are per instance
    owner = root.scope.owner
    if any(model.function_at(write.node) not in (None, owner) for write in root.writes):
        return False  # `handler = () => …` inside a function: a new function each time it runs
    if len(path) > 1 and _assigned_in_a_function(model, path):
        return False
    if len(path) == 1 and root.kind in ("const", "let", "var"):
        init = syntax.unwrap(root.init)
        if init is None or init.type not in ("arrow_function", "function_expression", "function", "identifier", "member_expression"):
            return False  # `const h = make()`: made once, but what it holds is not visible here
    return True


def _constant_options(node: Node | None) -> bool:
    node = syntax.unwrap(node)
    if node is None or node.type in ("true", "false"):
        return True
    if node.type != "object":
        return False
    for member in node.named_children:
        if member.type != "pair":
            return False
        value = syntax.unwrap(member.child_by_field_name("value"))
        if value is None or value.type not in ("true", "false", "number", "string"):
            return False
    return True


def _assigned_in_a_function(model: FileModel, path) -> bool:
    """Some function assigns the property path (`Effect.hide = …` inside a function)."""
    for node in model.nodes("assign"):
        if node.type != "assignment_expression":
            continue
        if model.function_at(node) in (None, path[0].scope.owner):
            continue  # assigned once, where the object is made
        if model.access_path(node.child_by_field_name("left")) == path:
            return True
    return False


# -- the element an event fired on -------------------------------------------------------------

_TARGET_PROPERTIES = frozenset({"target", "currentTarget", "srcElement", "delegateTarget"})
_ANCESTOR_PROPERTIES = frozenset({"parentElement", "parentNode", "offsetParent"})
_MAX_HELPER_DEPTH = 2


def event_target_element(model: FileModel, receiver: Node | None, function) -> str | None:
    """How ``receiver`` is the element an event fired on, in a function that runs per DOM event; else None.

    `function showEffect(e) { const el = findButton(e); el.addEventListener('touchend', () => …) }`
    registered with `document.body.addEventListener('touchstart', showEffect)`: the
    element the user touches gets the next touches too, so a closure added to it on
    every touch piles up on that element.  The receiver is `e.target`,
    `e.currentTarget` or `e.srcElement` of the function's first parameter, an
    ancestor of it (`.parentElement`, `.closest(…)`), a local holding one, or what a
    same-file helper called with the event returns when every value it returns is
    one (or null).  The function must itself be registered as a DOM event listener.
    """
    if function is None or not function.params or not _registered_as_dom_listener(model, function):
        return None
    event = function.params[0]
    if _derived_from_target(model, receiver, event, 0):
        return f"the element the event fired on (from `{event.name}`), which gets the next events too"
    return None


def _registered_as_dom_listener(model: FileModel, function) -> bool:
    from leaklint.model.handler_properties import handler_property_event

    context = function.context
    if context and context[0] == "assigned":
        return handler_property_event(context[1]) is not None
    sites = []
    if context and context[0] == "argument" and context[2] == 1:
        sites.append(model.call_site(context[1]))
    elif context and context[0] == "declared" and isinstance(context[1], Binding):
        for reference in context[1].reads:
            site = model.call_passing(reference.node)
            if site is not None and site.argument(1) == reference.node:
                sites.append(site)
    return any(site.method == "addEventListener" for site in sites)


def _derived_from_target(model: FileModel, node: Node | None, event: Binding, depth: int, seen: frozenset = frozenset()) -> bool:
    node = syntax.unwrap(node)
    if node is None:
        return False
    kind = node.type
    if kind == "member_expression":
        prop = syntax.text(node.child_by_field_name("property"))
        obj = syntax.unwrap(node.child_by_field_name("object"))
        if prop in _TARGET_PROPERTIES and obj is not None and obj.type == "identifier":
            return model.resolve(obj) is event
        if prop in _ANCESTOR_PROPERTIES:
            return _derived_from_target(model, obj, event, depth, seen)
        return False
    if kind == "binary_expression":  # `e.target || e.srcElement`
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        return _derived_from_target(model, left, event, depth, seen) and (
            _derived_from_target(model, right, event, depth, seen) or _is_null(right)
        )
    if kind == "call_expression":
        site = model.call_site(node)
        if site.method == "closest" and site.receiver is not None:
            return _derived_from_target(model, site.receiver, event, depth, seen)
        return depth < _MAX_HELPER_DEPTH and _helper_returns_target(model, site, event, depth + 1)
    if kind == "identifier":
        binding = model.resolve(node)
        if binding is None or binding.kind not in ("const", "let", "var") or binding.init is None:
            return False
        if id(binding) in seen:
            return True  # `target = target.parentElement`: as derived as the value it walks up from
        seen = seen | {id(binding)}
        if not _derived_from_target(model, binding.init, event, depth, seen):
            return False
        for write in binding.writes:  # `target = target.parentElement` while walking up
            parent = write.node.parent
            if parent is None or parent.type != "assignment_expression":
                return False
            if not _derived_from_target(model, parent.child_by_field_name("right"), event, depth, seen):
                return False
        return True
    return False


def _helper_returns_target(model: FileModel, site, event: Binding, depth: int) -> bool:
    """`findButton(e)`: a same-file function whose every non-null return is derived from its parameter's target."""
    if site.method is not None or site.name is None:
        return False
    index = next((i for i, argument in enumerate(site.arguments) if _is_event(model, argument, event)), None)
    if index is None:
        return False
    helper = next((f for f in model.functions if f.name == site.name and f.context and f.context[0] == "declared"), None)
    if helper is None or len(helper.params) <= index or helper.body is None:
        return False
    parameter = helper.params[index]
    returns = [r for r in syntax.walk(helper.body) if r.type == "return_statement" and model.function_at(r) is helper]
    values = [r.named_children[0] if r.named_children else None for r in returns]
    found = False
    for value in values:
        if value is None or _is_null(value):
            continue
        if not _derived_from_target(model, value, parameter, depth):
            return False
        found = True
    return found


def _is_event(model: FileModel, node: Node | None, event: Binding) -> bool:
    node = syntax.unwrap(node)
    return node is not None and node.type == "identifier" and model.resolve(node) is event


def _is_null(node: Node | None) -> bool:
    node = syntax.unwrap(node)
    return node is not None and (node.type in ("null", "undefined") or syntax.text(node) == "undefined")
