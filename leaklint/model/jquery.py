"""jQuery wrappers of the page's long-lived objects, and jQuery's event namespaces.

`$(window)`, `$(document)`, `$('body')`, `$('html')` and `$(document.body)`
make a new wrapper on every call, but `.on(event, fn)` on it adds `fn` to the
wrapped window, document or body, which live as long as the page: a listener
added per call (per dialog opened, per drag started) accumulates there.
`$('#menu')` is not taken to be a fixed element: jQuery code makes and drops
the elements it looks up by id (a modal parsed per click and removed on
hide). `$` / `jQuery` must be the page's global, a plugin wrapper's
parameter, or imported from `jquery`.

`$('.propertyInput')` (a literal selector, no markup) is the set of page
elements it matches, and jQuery's `.on()` does not de-duplicate: bound again
on every tick of a timer, each element collects one more handler per tick,
as long as nothing re-renders them (``page_element_set``: only in a file
that never builds or replaces markup, and only the caller decides whether
the bind repeats; round-7 fresh sample, CircuitVerse).

jQuery's `.off()` removes by event and namespace: `.off('scroll')` removes
every 'scroll' handler, namespaced or not; `.off('.dialog')` every handler of
the `dialog` namespace; `.off('scroll.dialog')` the 'scroll' handlers of that
namespace (``jquery_event_removed``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.imports import imported_name
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

JQUERY_NAMES = frozenset({"$", "jQuery"})
_PAGE_OBJECTS = {"window": "the page's `window`", "document": "the page's `document`"}
_PAGE_SELECTORS = {"body": "the page's `<body>`", "html": "the page's `<html>`", "document": "the page's `document`"}


def is_jquery_call(model: FileModel, call: Node | None) -> bool:
    """`$(…)` / `jQuery(…)` with the global jQuery or one imported from `jquery`."""
    call = syntax.unwrap(call)
    if call is None or call.type != "call_expression":
        return False
    callee = syntax.unwrap(call.child_by_field_name("function"))
    if callee is None or callee.type != "identifier" or syntax.text(callee) not in JQUERY_NAMES:
        return False
    binding = model.resolve(callee)
    if binding is None:
        return True  # the page's global
    if binding.kind == "param":  # `(function ($) { … })(jQuery)`: the usual plugin wrapper
        return True
    imported = imported_name(binding)
    return imported is not None and imported[0] == "jquery"


def wrapped_page_object(model: FileModel, call: Node) -> tuple[str, bool] | None:
    """(what the wrapper stands for, inferred) for `$(window)`, `$('body')`, `$('#menu')`, else None."""
    if not is_jquery_call(model, call):
        return None
    arguments = call.child_by_field_name("arguments")
    named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    if len(named) != 1:
        return None
    argument = syntax.unwrap(named[0])
    if argument is None:
        return None
    if argument.type == "identifier" and syntax.text(argument) in _PAGE_OBJECTS and model.is_global(argument):
        return _PAGE_OBJECTS[syntax.text(argument)], False
    if argument.type == "member_expression" and syntax.text(argument) in ("document.body", "document.documentElement"):
        return "the page's `<body>`" if syntax.text(argument) == "document.body" else "the page's `<html>`", False
    selector = syntax.string_value(argument)
    if selector is None:
        return None
    if selector in _PAGE_SELECTORS:
        return _PAGE_SELECTORS[selector], False
    # Not `$('#id')`: jQuery code makes and removes the elements it looks up by id all the time (a modal
    # parsed from a template per click, removed on hide; NodeBB's admin pages), unlike a page's fixed markup.
    return None


# jQuery and DOM calls that build, replace or drop markup: a file that makes any may re-render what it selects.
_RENDERING_METHODS = frozenset({
    "html", "append", "prepend", "after", "before", "replaceWith", "replaceAll", "appendTo", "prependTo",
    "insertAfter", "insertBefore", "empty", "remove", "detach", "wrap", "wrapAll", "wrapInner", "load",
    "insertAdjacentHTML", "appendChild", "replaceChildren", "replaceChild", "removeChild", "createElement",
    "render", "tmpl", "template",
})
_MARKUP_PROPERTIES = (b"innerHTML", b"outerHTML")


def page_element_set(model: FileModel, call: Node) -> str | None:
    """The selector of `$('.propertyInput')`: the page's elements it matches, in a file that never re-renders markup."""
    if not is_jquery_call(model, call):
        return None
    arguments = call.child_by_field_name("arguments")
    named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    if len(named) != 1:
        return None  # `$(sel, context)`: elements of a context the caller made
    selector = syntax.string_value(syntax.unwrap(named[0]))
    if not selector or "<" in selector or selector in _PAGE_SELECTORS:
        return None
    if model.fact("jquery-renders-markup", _renders_markup):
        return None
    return selector


def _renders_markup(model: FileModel) -> bool:
    """The file builds, replaces or drops markup (jQuery or DOM), or wraps markup strings in `$()`."""
    if model.method_calls(*_RENDERING_METHODS):
        return True
    if any(prop in model.source for prop in _MARKUP_PROPERTIES):
        return True
    for site in model.function_calls(*JQUERY_NAMES):
        argument = site.argument(0)
        value = syntax.string_value(argument) if argument is not None else None
        if argument is None or argument.type in ("this", "member_expression") or argument.type in syntax.FUNCTION_KINDS:
            continue  # `$(this)`, `$(event.target)`, `$(document.body)`, `$(function () {…})`
        if argument.type == "identifier" and syntax.text(argument) in _PAGE_OBJECTS:
            continue
        if value is None or "<" in value:
            return True  # `$(html)`, `$('<div>')`, `$(el)`: markup, or elements made elsewhere
    return False


def jquery_event_removed(removed: str | None, registered: str | None) -> bool:
    """Whether `.off(removed)` takes out a handler registered for `registered`, in jQuery's terms."""
    if removed is None or registered is None:
        return False
    r_type, _, r_space = removed.partition(".")
    g_type, _, g_space = registered.partition(".")
    if r_type and r_type != g_type:
        return False
    if r_space and r_space not in g_space.split("."):
        return False
    return bool(r_type or r_space)
