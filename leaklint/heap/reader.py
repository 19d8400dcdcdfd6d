"""A streaming, memory-bounded reader for V8 ``.heapsnapshot`` files.

A heap snapshot is one JSON object: ``snapshot`` (the ``meta`` field lists
and the declared node/edge counts), then flat arrays of integers (``nodes``,
``edges``, ``locations``, ``samples``, ``trace_function_infos``), the nested
integer arrays of ``trace_tree``, and finally ``strings``. The integer arrays
are most of the file, so they are read chunk by chunk straight into compact
``array('I')`` buffers (4 bytes an entry, widened to 8 only if a value needs
it) instead of through a general JSON parser that would build a Python object
per number. Strings are decoded one at a time with the standard library's
JSON string scanner. Nothing holds more than one read chunk (or one string)
of the file's text at a time.

Every problem with the input is a ``SnapshotError`` whose message is one line.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from array import array
from dataclasses import dataclass, field
from json.decoder import scanstring
from typing import BinaryIO, Callable

CHUNK_BYTES = 1 << 20
MAX_HEADER_BYTES = 1 << 22  # the "snapshot" object is a few KiB; more means it is not a snapshot
FLAT_INTEGER_ARRAYS = ("nodes", "edges", "locations", "samples", "trace_function_infos")
REQUIRED_KEYS = ("snapshot", "nodes", "edges", "strings")

Progress = Callable[[int, int], None]


class SnapshotError(Exception):
    """A file that is not a readable V8 heap snapshot (message is one line)."""


@dataclass
class RawSnapshot:
    """The arrays of a snapshot exactly as V8 wrote them (no interpretation yet)."""

    path: str
    file_size: int
    meta: dict
    node_count: int
    edge_count: int
    nodes: array
    edges: array
    strings: list[str]
    locations: array = field(default_factory=lambda: array("I"))


def _compact() -> array:
    return array("I")


def _extend(target: array, values: list[int]) -> array:
    """Append values, widening the array to 8-byte items if one does not fit in 4."""
    length = len(target)
    try:
        target.extend(values)
        return target
    except OverflowError:
        if min(values, default=0) < 0:
            raise SnapshotError("negative number in an integer array") from None
        del target[length:]  # extend() keeps what it appended before the failure
        wide = array("Q", target)
        wide.extend(values)
        return wide


class _Stream:
    """Bytes of the file with a read position, refilled in chunks."""

    def __init__(self, handle: BinaryIO, path: str, total: int, progress: Progress | None) -> None:
        self.handle = handle
        self.path = path
        self.total = total
        self.progress = progress
        self.buffer = b""
        self.pos = 0
        self.consumed = 0  # bytes dropped from the front of the buffer
        self.eof = False

    def fill(self, size: int = CHUNK_BYTES) -> bool:
        """Read more bytes; False at end of file."""
        if self.eof:
            return False
        chunk = self.handle.read(size)
        if not chunk:
            self.eof = True
            return False
        if self.pos > CHUNK_BYTES:
            self.consumed += self.pos
            self.buffer = self.buffer[self.pos :]
            self.pos = 0
        self.buffer += chunk
        if self.progress is not None:
            self.progress(self.consumed + len(self.buffer), self.total)
        return True

    def peek(self) -> bytes:
        """The next non-whitespace byte (without consuming it), b"" at end of file."""
        while True:
            buffer = self.buffer
            end = len(buffer)
            pos = self.pos
            while pos < end and buffer[pos] in b" \t\r\n":
                pos += 1
            self.pos = pos
            if pos < end:
                return buffer[pos : pos + 1]
            if not self.fill():
                return b""

    def expect(self, char: bytes, what: str) -> None:
        found = self.peek()
        if found != char:
            raise self.error(f"expected {what}", found)
        self.pos += 1

    def error(self, expected: str, found: bytes) -> SnapshotError:
        if found == b"":
            return SnapshotError(f"file ends early (truncated?) at byte {self.offset()}, {expected}")
        return SnapshotError(f"unexpected {found.decode('latin-1')!r} at byte {self.offset()}, {expected}")

    def offset(self) -> int:
        return self.consumed + self.pos

    def key(self) -> str:
        """A short object key such as "nodes"."""
        self.expect(b'"', "a key")
        while True:
            end = self.buffer.find(b'"', self.pos)
            if end >= 0:
                break
            if len(self.buffer) - self.pos > 4096 or not self.fill():
                raise self.error("the end of a key", self.peek() if self.eof else b"?")
        raw = self.buffer[self.pos : end]
        self.pos = end + 1
        return raw.decode("utf-8", "replace")

    def json_value(self, limit: int) -> object:
        """A small JSON value (the "snapshot" header), decoded whole."""
        self.peek()
        decoder = json.JSONDecoder()
        while True:
            text = self.buffer[self.pos :].decode("utf-8", "replace")
            try:
                value, end = decoder.raw_decode(text)
            except json.JSONDecodeError as exc:
                if len(text) > limit:
                    raise SnapshotError(f"the snapshot header is not valid JSON: {exc.msg}") from None
                if not self.fill():
                    raise self.error("the rest of the snapshot header", b"") from None
                continue
            self.pos += len(text[:end].encode("utf-8"))
            return value

    def integers(self, name: str) -> array:
        """A flat JSON array of non-negative integers, read chunk by chunk."""
        self.expect(b"[", f"'[' to start {name}")
        values = _compact()
        tail = b""
        while True:
            buffer = self.buffer
            close = buffer.find(b"]", self.pos)
            piece = buffer[self.pos : close if close >= 0 else len(buffer)]
            self.pos = close + 1 if close >= 0 else len(buffer)
            text = tail + piece
            if close >= 0:
                tail = b""
                parts = text.split(b",") if text.strip() else []
            else:
                cut = text.rfind(b",")
                tail, text = text[cut + 1 :], text[:cut]
                parts = text.split(b",") if cut >= 0 else []
            if parts:
                try:
                    values = _extend(values, list(map(int, parts)))
                except ValueError:
                    raise SnapshotError(f"'{name}' holds something other than integers") from None
            if close >= 0:
                return values
            if not self.fill():
                raise self.error(f"the end of '{name}'", b"")

    def skip_nested_integers(self, name: str) -> None:
        """Skip an array of integers and nested arrays (trace_tree) by counting brackets."""
        self.expect(b"[", f"'[' to start {name}")
        depth = 1
        brackets = re.compile(rb"[\[\]]")
        while True:
            for match in brackets.finditer(self.buffer, self.pos):
                depth += 1 if match.group() == b"[" else -1
                if depth == 0:
                    self.pos = match.end()
                    return
            self.pos = len(self.buffer)
            if not self.fill():
                raise self.error(f"the end of '{name}'", b"")

    def strings(self) -> list[str]:
        """The "strings" array: JSON strings decoded one at a time."""
        self.expect(b"[", "'[' to start strings")
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        text = decoder.decode(self.buffer[self.pos :])
        self.consumed += len(self.buffer)
        self.buffer, self.pos = b"", 0
        out: list[str] = []
        pos = 0
        grow = CHUNK_BYTES

        def more() -> bool:
            nonlocal text, pos
            chunk = self.handle.read(grow)
            if not chunk:
                self.eof = True
                return False
            self.consumed += len(chunk)
            if self.progress is not None:
                self.progress(self.consumed, self.total)
            text = text[pos:] + decoder.decode(chunk)
            pos = 0
            return True

        while True:
            end = len(text)
            while pos < end and text[pos] in " \t\r\n,":
                pos += 1
            if pos >= end:
                if not more():
                    raise SnapshotError("file ends early (truncated?) inside 'strings'")
                continue
            char = text[pos]
            if char == "]":
                self.buffer = text[pos + 1 :].encode("utf-8")
                return out
            if char != '"':
                raise SnapshotError(f"'strings' holds {char!r}, not a string")
            try:
                value, after = scanstring(text, pos + 1)
            except json.JSONDecodeError as exc:
                # A string (or an escape such as \u00e9) cut by the end of the text read so far.
                cut = "Unterminated" in exc.msg or exc.pos >= len(text) - 12
                if not cut:
                    raise SnapshotError(f"bad string in 'strings': {exc.msg}") from None
                grow = min(grow * 2, 64 * CHUNK_BYTES)
                if not more():
                    raise SnapshotError("file ends early (truncated?) inside 'strings'") from None
                continue
            grow = CHUNK_BYTES
            out.append(value)
            pos = after

    def skip_value(self, name: str) -> None:
        """Skip a value of a key this reader does not use."""
        first = self.peek()
        if first == b"[":
            self.skip_nested_integers(name)
        else:
            self.json_value(MAX_HEADER_BYTES)


def read_snapshot(path: str, progress: Progress | None = None) -> RawSnapshot:
    """Read a .heapsnapshot file; raises SnapshotError (one line) for anything unreadable."""
    try:
        total = os.path.getsize(path)
        handle = open(path, "rb")
    except OSError as exc:
        raise SnapshotError(f"cannot read {path}: {exc.strerror}") from None
    with handle:
        stream = _Stream(handle, path, total, progress)
        try:
            return _read(stream, path, total)
        except SnapshotError as exc:
            raise SnapshotError(f"{path}: {exc}") from None
        except (MemoryError, RecursionError):
            raise SnapshotError(f"{path}: too large or too deeply nested to read") from None
        except OSError as exc:
            raise SnapshotError(f"{path}: read failed: {exc.strerror}") from None


def _read(stream: _Stream, path: str, total: int) -> RawSnapshot:
    if stream.peek() != b"{":
        raise SnapshotError("not a V8 heap snapshot (it does not start with a JSON object)")
    stream.pos += 1
    parts: dict[str, object] = {}
    while True:
        if stream.peek() == b"}":
            break
        name = stream.key()
        stream.expect(b":", "':'")
        if name == "snapshot":
            header = stream.json_value(MAX_HEADER_BYTES)
            if not isinstance(header, dict) or not isinstance(header.get("meta"), dict):
                raise SnapshotError("not a V8 heap snapshot ('snapshot' has no 'meta')")
            parts[name] = header
        elif name in FLAT_INTEGER_ARRAYS:
            parts[name] = stream.integers(name)
        elif name == "strings":
            parts[name] = stream.strings()
        elif not parts and name not in REQUIRED_KEYS:
            raise SnapshotError(f"not a V8 heap snapshot (first key is {name!r}, not 'snapshot')")
        else:
            stream.skip_value(name)
        separator = stream.peek()
        if separator == b",":
            stream.pos += 1
        elif separator != b"}":
            raise stream.error("',' or '}' after a value", separator)
    missing = [key for key in REQUIRED_KEYS if key not in parts]
    if missing:
        raise SnapshotError(f"not a V8 heap snapshot (no {', '.join(repr(m) for m in missing)})")
    header = parts["snapshot"]
    meta = header["meta"]
    for key in ("node_fields", "node_types", "edge_fields", "edge_types"):
        if not isinstance(meta.get(key), list) or not meta[key]:
            raise SnapshotError(f"not a V8 heap snapshot (meta has no {key!r})")
    nodes, edges = parts["nodes"], parts["edges"]
    node_width, edge_width = len(meta["node_fields"]), len(meta["edge_fields"])
    if len(nodes) % node_width or len(edges) % edge_width:
        raise SnapshotError("the node or edge array length does not match the meta field lists")
    node_count = len(nodes) // node_width
    declared = header.get("node_count")
    if isinstance(declared, int) and declared != node_count:
        raise SnapshotError(f"declares {declared} nodes but holds {node_count} (truncated?)")
    return RawSnapshot(
        path=path,
        file_size=total,
        meta=meta,
        node_count=node_count,
        edge_count=len(edges) // edge_width,
        nodes=nodes,
        edges=edges,
        strings=parts["strings"],
        locations=parts.get("locations", array("I")),
    )
