"""Hand-written streams whose own `write()` drops backpressure (LL006).

`src.pipe(dest)` pauses `src` only when `dest.write(chunk)` returns `false`.
An old-style stream that is written to and passes each chunk on by emitting
`'data'` (`util.inherits(ResponseStream, Stream)` with
`ResponseStream.prototype.write = function (d) { this.emit('data', d); }`)
returns `undefined` from `write()`: whatever is piped into it is never paused,
so when the stream it feeds (an HTTP response) is slower than the source (a
file), every chunk waits in the destination's buffer (flatiron/union #54).

Recognised: a `write` method of a constructor that inherits a `…Stream`
(`util.inherits(X, Stream)`, `class X extends Stream`) whose body emits
`'data'` on `this` and returns no value anywhere, and does not look at a
paused state or `'drain'`; the stream it is would report `false` in no case.
Streams built on `stream.Transform`/`Writable` implement `_write`/`_transform`,
which Node paces, and are not concerned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.shape import is_this_or_alias

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.scopes import Function
    from leaklint.syntax import Node

_PROTOTYPE_WRITE = re.compile(r"^([A-Za-z_$][\w$]*)\.prototype\.write$")
_STREAM_BASE = re.compile(r"(?:^|\.)[A-Za-z_$]*Stream$")
_EXTENDS_STREAM = re.compile(r"^extends\s+(?:[\w$]+\.)?[\w$]*Stream\b")
_PACING_WORDS = (b"paused", b"pause(", b"drain", b"writableLength", b"bufferedAmount")


@dataclass(frozen=True)
class DroppedWrite:
    """A stream's `write()` that passes chunks on with `emit('data')` and never returns `false`."""

    function: Function
    emit: Node  # the `this.emit('data', …)` call
    owner: str  # the constructor or class name
    base: str  # what it inherits


def dropping_stream_writes(model: FileModel) -> list[DroppedWrite]:
    """Every `write` method of a hand-written stream that drops backpressure (see the module docstring)."""
    if b"write" not in model.source or b"'data'" not in model.source and b'"data"' not in model.source:
        return []
    bases = _inherited_bases(model)
    found: list[DroppedWrite] = []
    emits = model.method_calls("emit")
    for function in model.functions:
        owner, base = _stream_owner(model, function, bases)
        if owner is None or function.body is None:
            continue
        if returns_a_value(function) or any(w in syntax.text(function.body).encode() for w in _PACING_WORDS):
            continue
        for site in emits:
            if model.function_at(site.node) is not function or not is_this_or_alias(model, site.receiver):
                continue
            if syntax.string_value(site.argument(0)) == "data":
                found.append(DroppedWrite(function, site.node, owner, base))
                break
    return found


def _inherited_bases(model: FileModel) -> dict[str, str]:
    """`util.inherits(Child, Base)` calls of the file: child name -> base text, for `…Stream` bases."""
    bases: dict[str, str] = {}
    for site in model.method_calls("inherits") + model.function_calls("inherits"):
        child, base = site.argument(0), site.argument(1)
        if child is None or base is None or child.type != "identifier":
            continue
        text = syntax.text(base)
        if _STREAM_BASE.search(text):
            bases[syntax.text(child)] = text
    return bases


def _stream_owner(model: FileModel, function: Function, bases: dict[str, str]) -> tuple[str | None, str]:
    context = function.context
    if context and context[0] == "assigned" and context[1] is not None:
        match = _PROTOTYPE_WRITE.match(syntax.text(context[1]))
        if match and match.group(1) in bases:
            return match.group(1), bases[match.group(1)]
    info = function.class_info
    if info is not None and function.method_name == "write" and _EXTENDS_STREAM.match(info.superclass or ""):
        return info.name, (info.superclass or "").split()[-1]
    return None, ""


def returns_a_value(function: Function) -> bool:
    """A `return x` of the function's own, or an expression body (`(d) => this.emit(…)` returns its value)."""
    stack = [function.body]
    while stack:
        node = stack.pop()
        if node.type == "return_statement" and node.named_children:
            return True
        if node.type in syntax.FUNCTION_KINDS and node is not function.body:
            continue
        stack.extend(node.named_children)
    return function.body.type != "statement_block"  # `write = (d) => this.emit(…)` returns emit()'s value


# The old-style stream (`require('stream').Stream`): no buffer and no pause of its own.
_OLD_STYLE_BASE = re.compile(r"^(?:[\w$]+\.)?Stream$")


def old_style_stream_classes(model: FileModel) -> dict[str, str]:
    """The file's own old-style streams: class or constructor name -> what it inherits.

    `util.inherits(QueryStream, Stream)` (or `inherits(…)`) on a constructor
    of the file, and `class X extends Stream`: a `new QueryStream()` is a
    stream its producer writes into and its consumer pipes away, with no
    buffer and no pause of its own unless the class writes them (nforce), so
    a writer that does not wait for `'drain'` / `'resume'` outruns a slow
    consumer.  Subclasses of Node's `Writable`, `Duplex` or `Transform` are
    not taken: their writable state buffers and their own `_write` (often an
    in-process parser that finishes at once) is what drains it.
    """
    if b"Stream" not in model.source:
        return {}
    found: dict[str, str] = {}
    for site in model.method_calls("inherits") + model.function_calls("inherits"):
        child, base = syntax.unwrap(site.argument(0)), syntax.unwrap(site.argument(1))
        if child is not None and base is not None and child.type == "identifier" and _OLD_STYLE_BASE.match(syntax.text(base)):
            found[syntax.text(child)] = syntax.text(base)
    for info in model.classes:
        heritage = re.match(r"^extends\s+([\w$.]+)\s*$", info.superclass or "")
        if info.name and heritage and _OLD_STYLE_BASE.match(heritage.group(1)):
            found[info.name] = heritage.group(1)
    return found
