"""Callback chains: a function that calls itself again from a callback it hands on, which loops.

`var queryNext = function (url) { get(url, function (err, page) { out.write(page);
if (page.next) queryNext(page.next); }); }` fetches a page, writes it, and asks
for the next one from the fetch's callback: no loop statement, yet the write
runs once per page for as long as there are pages, at the pace of the fetches
(round-11 fresh sample, nforce).  The same holds for a promise pump
(`reader.read().then(({ value }) => { res.write(value); pump(); })`).

A chain is a named function of the file (``calls.direct_calls``) with a call
of itself inside a function nested in its own body (a callback), and the node
asked about inside the same function.  A self-call that only a timer callback
makes (`setTimeout(() => poll(), ms)`) is paced by the timer and is not one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint.model.calls import direct_calls

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.scopes import Function
    from leaklint.syntax import Node

_TIMER_FUNCTIONS = frozenset({"setTimeout", "setInterval", "setImmediate", "requestAnimationFrame"})
_MAX_OUTWARD = 6  # functions walked out from the node (callback nesting of a chain)


@dataclass(frozen=True)
class CallbackChain:
    """``function`` calls itself again at ``again``, from inside a callback it passes on."""

    function: Function
    again: Node  # the self-call

    @property
    def label(self) -> str:
        """How messages name the chain."""
        name = self.function.name or "the function"
        return f"a callback chain (`{name.rsplit('.', 1)[-1]}()` calls itself again from a callback)"


def callback_chain(model: FileModel, node: Node) -> CallbackChain | None:
    """The innermost function around ``node`` that re-invokes itself from a callback, else None."""
    function = model.function_at(node)
    for _ in range(_MAX_OUTWARD):
        if function is None:
            return None
        again = _self_call_from_callback(model, function)
        if again is not None:
            return CallbackChain(function, again)
        function = function.parent
    return None


def _self_call_from_callback(model: FileModel, function: Function) -> Node | None:
    memo = model.fact("callback-chains", lambda _: {})
    key = function.node.start_byte
    if key not in memo:
        memo[key] = _find_self_call(model, function)
    return memo[key]


def _find_self_call(model: FileModel, function: Function) -> Node | None:
    for site in direct_calls(model, function):
        inner = site.function
        if inner is None or inner is function or not function.contains(site.node):
            continue  # a call from outside starts the chain; a direct recursion is not a callback's
        if _under_timer(model, inner, function):
            continue  # `setTimeout(() => poll(), ms)`: paced by the timer
        return site.node
    return None


def _under_timer(model: FileModel, inner: Function | None, outer: Function) -> bool:
    """A function between the self-call and ``outer`` is a timer's callback."""
    while inner is not None and inner is not outer:
        context = inner.context
        if context and context[0] == "argument":
            site = model.call_site(context[1])
            if (site.name or site.method) in _TIMER_FUNCTIONS:
                return True
        inner = inner.parent
    return False
