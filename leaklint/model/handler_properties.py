"""Event-handler properties: `ws.onmessage = fn`, `el.onclick = fn`, `xhr.onload = fn`.

A DOM-style event target (an element, `window`, a WebSocket, a Worker, an
XMLHttpRequest, an EventSource, an IndexedDB request) runs the function kept
in its all-lowercase `on<event>` property every time that event fires, just as
it runs a function given to `addEventListener(event, fn)`.  So the function is
an event handler: it runs once per event, and so does everything it calls.

The exceptions are the page's own lifecycle events, which `window` and
`document` fire a bounded number of times per page load (`window.onload`,
`document.onreadystatechange`): like the same events registered with
`addEventListener`, the handler runs as often as the code that assigns it.
So does a handler for an event another object fires once in its life (a
`<script>`'s or an image's `onload` / `onerror`, a WebSocket's `onopen` /
`onclose`, an XHR's `onreadystatechange`).

Known false positive: a plain object with a callback property spelled like
one (`job.ondone = fn`) that its owner calls once.
"""

from __future__ import annotations

import re

from leaklint import syntax
from leaklint.model.calls import HandlerKind, Registration
from leaklint.syntax import Node

# `onmessage`, `onclick`, `onreadystatechange`; not `onMessage` (a callback option of a library) or `on`.
_HANDLER_PROPERTY = re.compile(r"on[a-z]{3,}")
# Lowercased, as the property spells them.
_PAGE_LIFECYCLE_EVENTS = frozenset({"load", "domcontentloaded", "readystatechange", "beforeunload", "unload"})
_PAGE_OBJECTS = frozenset({"window", "document", "window.document", "self", "globalThis"})


def handler_property_event(left: Node | None) -> str | None:
    """The event of an `x.on<event>` assignment target (`message` for `ws.onmessage`), else None."""
    left = syntax.unwrap(left)
    if left is None or left.type != "member_expression":
        return None
    prop = left.child_by_field_name("property")
    if prop is None or prop.type != "property_identifier":
        return None
    name = syntax.text(prop)
    if not _HANDLER_PROPERTY.fullmatch(name):
        return None
    return name[2:]


def is_page_lifecycle_property(left: Node) -> bool:
    """`window.onload`, `document.onreadystatechange`: fired a bounded number of times per page."""
    event = handler_property_event(left)
    if event is None or event not in _PAGE_LIFECYCLE_EVENTS:
        return False
    receiver = syntax.unwrap(syntax.unwrap(left).child_by_field_name("object"))
    return receiver is not None and syntax.text(receiver) in _PAGE_OBJECTS


# Events an object fires (at most) a bounded few times in its life: a `<script>`'s or an `Image`'s
# 'load' / 'error', a WebSocket's 'open' / 'close', an XHR's 'readystatechange' / 'loadend', an
# IndexedDB request's 'success'.  A handler for one runs as often as the code that makes the object.
_ONCE_PER_OBJECT_EVENTS = frozenset(
    {"load", "error", "abort", "loadend", "open", "close", "timeout", "end", "success", "upgradeneeded",
     "blocked", "complete", "readystatechange"}
)


def fires_once_per_object(left: Node | None) -> bool:
    """`el.onload = fn`, `ws.onclose = fn`: an event the object fires once, on an object that is not the page.

    `window.onerror` (every uncaught error of the page) is not this; `window.onload` is the page's
    lifecycle (``is_page_lifecycle_property``).
    """
    event = handler_property_event(left)
    if event is None or event not in _ONCE_PER_OBJECT_EVENTS:
        return False
    receiver = syntax.unwrap(syntax.unwrap(left).child_by_field_name("object"))
    return receiver is not None and syntax.text(receiver) not in _PAGE_OBJECTS


def handler_property_registration(left: Node | None) -> Registration | None:
    """`ws.onmessage = fn` makes fn an event handler; None for other targets, page lifecycle and once-per-object events."""
    event = handler_property_event(left)
    if event is None or is_page_lifecycle_property(left) or fires_once_per_object(left):
        return None
    left = syntax.unwrap(left)
    receiver = syntax.text(left.child_by_field_name("object"))
    if len(receiver) > 40:
        receiver = receiver[:37] + "..."
    return Registration(HandlerKind.EVENT, f"'{event}' handler assigned to {receiver}.on{event}", left)
