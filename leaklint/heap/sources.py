"""Where a closure was defined: V8's `locations` plus its script's name, mapped under --source.

A snapshot's `locations` give each closure (script id, 0-based line, 0-based
column). The script's name (a path or a file:// URL) hangs off the closure's
SharedFunctionInfo (`shared` → `script_or_debug_info`, or `script` in older V8).
``SourceMap`` turns that name into a path relative to the --source root: a
script inside the root maps directly; a script from another machine (a
snapshot taken in production) maps to the file under the root that shares
the longest tail of path components with it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from leaklint.heap.graph import HeapGraph

SCRIPT_EDGES = ("script_or_debug_info", "script")


@dataclass(frozen=True)
class Location:
    """A closure's definition site: `file` is root-relative when mapped, else the script name."""

    file: str
    line: int  # 1-based
    column: int  # 1-based
    mapped: bool

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


def _script_path(name: str) -> str:
    if name.startswith("file://"):
        return unquote(urlparse(name).path)
    return name


class SourceMap:
    """Script names → files under a source root (or None when there is no root)."""

    def __init__(self, root: str | None, files: list[str] | None = None) -> None:
        self.root = os.path.realpath(root) if root else None
        self._by_name: dict[str, list[str]] = {}
        if self.root is not None:
            for path in files if files is not None else _walk(self.root):
                relative = os.path.relpath(os.path.realpath(path), self.root)
                self._by_name.setdefault(os.path.basename(relative), []).append(relative)
        self._cache: dict[str, str | None] = {}

    def relative(self, script_name: str) -> str | None:
        """The root-relative path of a script, or None if it is not one of the root's files."""
        if self.root is None or not script_name:
            return None
        if script_name not in self._cache:
            self._cache[script_name] = self._lookup(_script_path(script_name))
        return self._cache[script_name]

    def _lookup(self, path: str) -> str | None:
        if os.path.isabs(path):
            real = os.path.realpath(path)
            if real.startswith(self.root + os.sep):
                relative = os.path.relpath(real, self.root)
                if os.path.basename(relative) in self._by_name:
                    return relative
        parts = path.replace("\\", "/").split("/")
        candidates = self._by_name.get(parts[-1], [])
        best, best_score, tie = None, 0, False
        for candidate in candidates:
            theirs = candidate.split(os.sep)
            score = 0
            while score < min(len(parts), len(theirs)) and parts[-1 - score] == theirs[-1 - score]:
                score += 1
            if score > best_score:
                best, best_score, tie = candidate, score, False
            elif score == best_score:
                tie = True
        return None if tie else best


def _walk(root: str) -> list[str]:
    out = []
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in ("node_modules", ".git")]
        out.extend(os.path.join(directory, f) for f in files if f.endswith((".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx")))
    return out


class ClosureLocator:
    """Closure nodes of one snapshot → their Location (cached per script)."""

    def __init__(self, graph: HeapGraph, sources: SourceMap) -> None:
        self.graph = graph
        self.sources = sources
        self._scripts: dict[int, str] = {}

    def script_name(self, node: int, script_id: int) -> str:
        if script_id not in self._scripts:
            graph = self.graph
            name = ""
            shared = graph.child(node, "shared")
            if shared is not None:
                for label in SCRIPT_EDGES:
                    script = graph.child(shared, label)
                    if script is not None:
                        name = graph.name(script)
                        break
            if not name:
                return f"script {script_id}"
            self._scripts[script_id] = name
        return self._scripts[script_id]

    def locate(self, node: int) -> Location | None:
        found = self.graph.locations.get(node)
        if found is None:
            return None
        script_id, line, column = found
        name = self.script_name(node, script_id)
        relative = self.sources.relative(name)
        return Location(relative if relative is not None else name, line + 1, column + 1, relative is not None)
