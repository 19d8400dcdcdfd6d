"""`fetch()` responses and what the file does with their bodies.

A shared fact for LL008: each awaited `fetch(...)` (the global one, or the one
imported from `undici`, `node-fetch`, `cross-fetch`, `isomorphic-fetch`), the
binding or destructuring pattern that receives the response, the uses that
read the body (`json()`, `text()`, `arrayBuffer()`, `blob()`, `formData()`,
`bytes()`, anything on `.body`), the uses that hand the response on (return it,
pass it, store it, clone it), the uses that only look at the status line
(`ok`, `status`, `statusText`, `headers`, `url`, `redirected`, `type`), and the
exits (`return`, `throw`) between the fetch and the first body read.

Shared through ``model.fact("responses", response_index)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.imports import WHOLE_MODULE, bare_module, imported_name
from leaklint.model.scopes import Function
from leaklint.model.values import ValueUse, ValueUseKind, classify_expression, nodes_between, value_uses
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

FETCH_MODULES = frozenset({"undici", "node-fetch", "cross-fetch", "isomorphic-fetch", "make-fetch-happen"})
BODY_METHODS = frozenset({"json", "text", "arrayBuffer", "blob", "formData", "bytes"})
HANDING_METHODS = frozenset({"clone"})  # a clone's body is read instead: not followed
STATUS_FIELDS = frozenset({"ok", "status", "statusText", "headers", "url", "redirected", "type"})
BROWSER_GLOBALS = ("window", "document", "localStorage", "sessionStorage", "navigator")
_EXITS = frozenset({"return_statement", "throw_statement"})


@dataclass(eq=False)
class Response:
    """One awaited `fetch()` and the uses of its response."""

    call: Node  # the fetch call
    function: Function | None
    value: Node  # `await fetch(...)`
    status_uses: list[Node] = field(default_factory=list)  # `res.ok`, `{ status }`
    body_uses: list[Node] = field(default_factory=list)  # `res.json()`, `res.body.cancel()`
    handed_on: bool = False  # returned, passed, stored, cloned, captured by a closure
    tracked: bool = True  # False when the response goes somewhere this index does not follow
    early_exit: Node | None = None  # a return/throw before the first body read that reads nothing

    @property
    def never_read(self) -> bool:
        """Only the status line is looked at, and the response goes nowhere else."""
        return self.tracked and not self.handed_on and not self.body_uses


@dataclass
class ResponseIndex:
    """Every awaited fetch in a file; ``browser`` when the file reads browser-only globals."""

    responses: list[Response]
    browser: bool


def response_index(model: FileModel) -> ResponseIndex:
    """Build the index (once per file, through ``model.fact``)."""
    browser = any(model.scopes.globals.get(name) for name in BROWSER_GLOBALS)
    responses = []
    sites = model.function_calls("fetch") + model.method_calls("fetch")
    for site in sites:
        if not _is_fetch(model, site) or _is_head_request(site) or _is_page_relative(site):
            continue
        value = site.node.parent
        if value is None or value.type != "await_expression":
            continue  # `.then(...)` chains and returned promises are not followed
        responses.append(_follow(model, site.node, value, site.function))
    responses.sort(key=lambda r: r.call.start_byte)
    return ResponseIndex(responses, browser)


def _is_head_request(site) -> bool:
    """`fetch(url, { method: 'HEAD' })`: the response has no body, so there is nothing to read or cancel.

    The server sends headers only; the HTTP parser ends the response with
    them and returns the connection to the pool (undici's own advice for
    reading only headers).
    """
    options = syntax.unwrap(site.argument(1))
    if options is None or options.type != "object":
        return False
    method = None  # the last entry wins; a spread after it may set another method
    for entry in options.named_children:
        if entry.type == "spread_element":
            method = None
        elif entry.type == "pair":
            key = entry.child_by_field_name("key")
            key_name = syntax.string_value(key) if key is not None and key.type == "string" else syntax.text(key)
            if key_name == "method":
                method = syntax.string_value(entry.child_by_field_name("value"))
    return method is not None and method.upper() == "HEAD"


def _leading_text(node: Node | None) -> str | None:
    """The text a URL expression starts with: a string, a template's head, the left of a `+`; or None."""
    node = syntax.unwrap(node)
    while node is not None and node.type == "binary_expression" and syntax.text(node.child_by_field_name("operator")) == "+":
        node = syntax.unwrap(node.child_by_field_name("left"))
    if node is None:
        return None
    if node.type == "string":
        return syntax.string_value(node)
    if node.type == "template_string":
        return syntax.text(node)[1:]
    return None


def _is_page_relative(site) -> bool:
    """`fetch('/api/v1/users')`: a root-relative URL resolves against the page, so this is browser code.

    Node's fetch (undici) has no base URL and rejects a relative one, so a
    fetch that works at all with such a URL runs in a browser (or React
    Native), which releases an unread body with its response.  `//host/…`
    (protocol-relative) is not counted.
    """
    text = _leading_text(site.argument(0))
    return text is not None and text.startswith("/") and not text.startswith("//")


def _is_fetch(model: FileModel, site) -> bool:
    if site.name == "fetch":
        if model.is_global(site.callee, "fetch"):
            return True
        imported = imported_name(model.resolve(site.callee))
        return imported is not None and bare_module(imported[0]) in FETCH_MODULES
    receiver = syntax.unwrap(site.receiver)
    if receiver is None or receiver.type != "identifier":
        return False
    if model.is_global(receiver, "globalThis"):
        return True
    imported = imported_name(model.resolve(receiver))
    return imported is not None and imported[1] == WHOLE_MODULE and bare_module(imported[0]) in FETCH_MODULES


def _follow(model: FileModel, call: Node, value: Node, function: Function | None) -> Response:
    response = Response(call, function, value)
    parent = value.parent
    while parent is not None and parent.type == "parenthesized_expression":
        value, parent = parent, parent.parent
    if parent is not None and parent.type == "variable_declarator" and parent.child_by_field_name("value") == value:
        name = parent.child_by_field_name("name")
        if name is not None and name.type == "identifier":
            binding = model.resolve(name)
            if binding is None:
                response.tracked = False
                return response
            for use in value_uses(model, binding):
                _record(response, use)
            _find_early_exit(response)
            return response
        if name is not None and name.type == "object_pattern":
            for key in _pattern_keys(name):
                (response.status_uses if key in STATUS_FIELDS else response.body_uses).append(name)
            if any(key not in STATUS_FIELDS for key in _pattern_keys(name)):
                response.handed_on = True
            return response
        response.tracked = False
        return response
    _record(response, classify_expression(model, value, function))
    return response


def _record(response: Response, use: ValueUse) -> None:
    if use.kind is ValueUseKind.METHOD and use.name in BODY_METHODS:
        response.body_uses.append(use.site)
    elif use.kind is ValueUseKind.METHOD and use.name in HANDING_METHODS:
        response.handed_on = True
    elif use.kind is ValueUseKind.PROPERTY and use.name == "body":
        response.body_uses.append(use.site)
    elif use.kind in (ValueUseKind.HANDED_ON, ValueUseKind.ITERATED):
        response.handed_on = True
    elif use.kind is ValueUseKind.PROPERTY and use.name in STATUS_FIELDS:
        response.status_uses.append(use.site)
    elif use.kind is ValueUseKind.WRITE:
        response.tracked = False  # reassigned: another response may be the one read
    elif use.nested is not None:
        response.handed_on = True
    elif use.kind is ValueUseKind.ACCESS:
        pass  # `if (res)`, `res === undefined`: neither reads nor keeps the body
    else:
        response.tracked = False  # `res[key]`, an unknown method: not ours to judge


def _find_early_exit(response: Response) -> None:
    """A return/throw between the fetch and the first body read that reads nothing itself."""
    if not response.body_uses or response.handed_on or response.function is None:
        return
    body = response.function.body
    first = min(node.start_byte for node in response.body_uses)
    if body is None:
        return
    # An exit that contains the first read (`throw new Error(await res.text())`) ends after it: not listed.
    exits = nodes_between(body, response.value.end_byte, first, _EXITS)
    if exits:
        response.early_exit = exits[0]


def _pattern_keys(pattern: Node) -> list[str]:
    keys = []
    for child in pattern.named_children:
        if child.type == "shorthand_property_identifier_pattern":
            keys.append(syntax.text(child))
        elif child.type in ("pair_pattern", "object_assignment_pattern"):
            key = child.child_by_field_name("key") or child.child_by_field_name("left")
            if key is not None:
                keys.append(syntax.string_value(key) or syntax.text(key))
        else:
            keys.append("...")  # a rest element keeps the whole response
    return keys
