"""Vue and Svelte single-file components: analyze their `<script>` blocks in place.

Everything outside the `<script>` / `<script setup>` blocks is blanked to
spaces, keeping every newline, so byte offsets and lines in the view are those
of the component file and findings point into it unchanged. (A multi-byte
character before a script block on the same line would shift columns; markup
and script rarely share a line.) The blocks' `lang` picks the grammar: `ts`
gives TypeScript, `tsx` TSX, anything else JavaScript.
"""

from __future__ import annotations

import re

from leaklint.syntax import Grammar

COMPONENT_EXTENSIONS = frozenset({".vue", ".svelte"})
_SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_LANG = re.compile(rb"""\blang\s*=\s*["']?([A-Za-z]+)""", re.I)
_NOT_NEWLINE = re.compile(rb"[^\r\n]")


def is_component(path: str) -> bool:
    """A `.vue` or `.svelte` file."""
    return path.lower().endswith(tuple(COMPONENT_EXTENSIONS))


def script_view(source: bytes) -> tuple[bytes, Grammar]:
    """The component with everything but its script blocks blanked, and the grammar they need."""
    view = bytearray(_NOT_NEWLINE.sub(b" ", source))
    grammar = Grammar.JAVASCRIPT
    for match in _SCRIPT.finditer(source):
        start, end = match.span(2)
        view[start:end] = source[start:end]
        lang = _LANG.search(match.group(1))
        if lang is not None:
            name = lang.group(1).decode("ascii").lower()
            if name == "tsx":
                grammar = Grammar.TSX
            elif name == "ts" and grammar is not Grammar.TSX:
                grammar = Grammar.TYPESCRIPT
    return bytes(view), grammar
