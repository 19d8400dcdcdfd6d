"""Vue and Svelte single-file components: analyze their `<script>` blocks in place.

Everything outside the `<script>` / `<script setup>` blocks is blanked to
spaces, keeping every newline, so byte offsets and lines in the view are those
of the component file and findings point into it unchanged. (A multi-byte
character before a script block on the same line would shift columns; markup
and script rarely share a line.) The blocks' `lang` picks the grammar: `ts`
gives TypeScript, `tsx` TSX, anything else JavaScript.

The markup still says which script functions run per event: a Vue
`@click="refresh"` / `v-on:click="refresh($event)"` or a Svelte
`on:click={refresh}` names a handler the component calls every time the
event fires (``template_event_handlers``).
"""

from __future__ import annotations

import re

from leaklint.syntax import Grammar

COMPONENT_EXTENSIONS = frozenset({".vue", ".svelte"})
_SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_LANG = re.compile(rb"""\blang\s*=\s*["']?([A-Za-z]+)""", re.I)
_NOT_NEWLINE = re.compile(rb"[^\r\n]")
_BLOCK = re.compile(rb"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
# `@click="f"`, `@click.prevent='f($event)'`, `v-on:submit="f"`; Svelte `on:click={f}`, `on:click|once={f}`.
_VUE_HANDLER = re.compile(rb"""(?:\s@|\sv-on:)([\w:-]+)(?:\.[\w-]+)*\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SVELTE_HANDLER = re.compile(rb"""\son:([\w-]+)(?:\|[\w|]+)?\s*=\s*\{([^}]*)\}""")
_HANDLER_NAME = re.compile(rb"""^\s*([A-Za-z_$][\w$]*)\s*(?:\(.*\))?\s*;?\s*$""", re.S)


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


def template_event_handlers(source: bytes) -> frozenset[str]:
    """Names of script functions the markup binds to events (`@click="f"`, `on:click={f}`), not `once` ones."""
    markup = _BLOCK.sub(b" ", source)
    names = set()
    for match in _VUE_HANDLER.finditer(markup):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        found = _HANDLER_NAME.match(value or b"")
        if found is not None and b".once" not in match.group(0).split(b"=", 1)[0]:
            names.add(found.group(1).decode("ascii"))
    for match in _SVELTE_HANDLER.finditer(markup):
        found = _HANDLER_NAME.match(match.group(2))
        if found is not None and b"|once" not in match.group(0).split(b"=", 1)[0]:
            names.add(found.group(1).decode("ascii"))
    return frozenset(names)
