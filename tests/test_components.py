"""Vue and Svelte single-file components: their <script> blocks are analyzed, positions map to the file."""

from __future__ import annotations

import pytest

from leaklint.components import script_view
from leaklint.syntax import Grammar

VUE = """\
<template>
  <div>{{ count }}</div>
</template>

<script setup lang="ts">
const seen = new Map<string, number>();
window.addEventListener("message", (event: MessageEvent) => {
  seen.set(event.data.id, Date.now());
});
</script>

<style scoped>
div { color: red; }
</style>
"""

SVELTE = """\
<script>
  const clicks = [];
  document.addEventListener('click', (event) => { clicks.push(event); });
</script>

<button on:click={() => clicks.length}>{clicks.length}</button>
"""

# (file name, content, expected (rule, line, column) findings)
CASES = [
    ("Counter.vue", VUE, [("LL001", 6, 7)]),
    ("Clicks.svelte", SVELTE, [("LL001", 2, 9)]),
    ("Plain.vue", "<template><p>no script</p></template>\n", []),
    ("Fixed.vue", VUE.replace("new Map<string, number>()", "new WeakMap<object, number>()"), []),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_component_findings_point_into_the_component(write, cli_json, name, content, expected):
    write(name, content)
    code, report = cli_json("--isolated", name)
    assert report["errors"] == []
    assert [(f["rule"], f["line"], f["column"]) for f in report["findings"]] == expected
    assert code == (1 if expected else 0)


def test_markup_is_blanked_keeping_offsets_and_lines():
    view, grammar = script_view(VUE.encode())
    assert grammar is Grammar.TYPESCRIPT
    assert len(view) == len(VUE.encode())
    assert view.count(b"\n") == VUE.count("\n")
    assert b"template" not in view and b"color" not in view
    assert view.splitlines()[5] == b"const seen = new Map<string, number>();"


@pytest.mark.parametrize(
    ("attributes", "grammar"),
    [("", Grammar.JAVASCRIPT), (' lang="ts"', Grammar.TYPESCRIPT), (" lang='tsx'", Grammar.TSX), (" setup", Grammar.JAVASCRIPT)],
)
def test_lang_picks_the_grammar(attributes, grammar):
    assert script_view(f"<script{attributes}>let a = 1;</script>".encode())[1] is grammar


def test_components_are_discovered_in_folders(write, cli_json):
    write("src/Counter.vue", VUE)
    code, report = cli_json("--isolated", "src")
    assert [f["path"] for f in report["findings"]] == ["src/Counter.vue"]
