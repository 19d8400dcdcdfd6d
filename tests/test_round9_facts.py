"""Model facts for the round-9 miss causes (tests/corpus/README.md, "Round 9").

- framework conventions (cause 1): SvelteKit's `$lib` import alias names the
  application's `src/lib` (or, with no `svelte.config.*`, the nearest `lib/`
  above the importer that holds the file); the `handle` / `handleFetch` exports
  of SvelteKit's server hooks file run for every request; a Vue or Svelte
  component's markup binding (`@click="f"`, `on:click={f}`) makes the script
  function run per event;
- calls followed to the store (cause 2): an ES5 constructor written as a
  function expression bound to a variable (`var C = function C() {…}`) has
  per-instance fields like a declared one; a key variable takes the value of
  the last assignment in a block around the use (`var id = null; … id =
  ++this.seq; this.cbs[id] = cb`); an array written at a counter's index grows;
- clears (cause 4): a clear of a timer's slot before an `await` does not
  cover the store after it, since a second call can run in between;
- stream receivers (cause 5): a parameter whose JSDoc `@param {stream.Writable}`
  names a writable stream is one.

Each fact has cases of both signs: where it applies and where the same code
shape must stay quiet.
"""

from __future__ import annotations

import os

import pytest

from leaklint.components import template_event_handlers
from leaklint.project.resolve import Resolver
from tests.test_round8_facts import run_json, write


def found(findings: list[dict], rule: str) -> set[tuple[str, int]]:
    return {(f["path"], f["line"]) for f in findings if f["rule"] == rule}


# -- (1) SvelteKit's `$lib` alias and server hooks ------------------------------------------------

LEVELS = """\
const levelCache = new Map<string, number>();

async function queryLevels(ids: string[]): Promise<void> {
    const rows = await db.query('SELECT id, level FROM members WHERE id IN (?)', [ids]);
%s    for (const row of rows) levelCache.set(row.id, row.level);
}

export async function fetchLevels(ids: string[]): Promise<number[]> {
    const missing = ids.filter((id) => !levelCache.has(id));
    if (missing.length > 0) await queryLevels(missing);
    return ids.map((id) => levelCache.get(id) ?? 1);
}
"""

CAP = """\
    if (levelCache.size >= 1000) levelCache.clear();
"""

ROUTE = """\
import { json } from '@sveltejs/kit';
import { fetchLevels } from '$lib/server/levels';

export const GET = async ({ url }) => json(await fetchLevels((url.searchParams.get('ids') ?? '').split(',')));
"""

# the file a `$lib` import must reach, in the two layouts, and a cache whose growth is capped
LIB_CASES = [
    ("nearest lib/ above the route", {"lib/server/levels.ts": LEVELS % "", "routes/api/level/+server.ts": ROUTE},
     {("lib/server/levels.ts", 1)}),
    ("src/lib of the folder holding svelte.config.js",
     {"svelte.config.js": "export default {};\n", "src/lib/server/levels.ts": LEVELS % "",
      "src/routes/api/level/+server.ts": ROUTE},
     {("src/lib/server/levels.ts", 1)}),
    ("the same cache, capped", {"lib/server/levels.ts": LEVELS % CAP, "routes/api/level/+server.ts": ROUTE}, set()),
    # no file under any lib/ has that name: unresolved, the cache keeps its own (unknown) frequency
    ("no such $lib file", {"lib/server/other.ts": LEVELS % "", "routes/api/level/+server.ts": ROUTE}, set()),
]


@pytest.mark.parametrize("label, files, expected", LIB_CASES, ids=[c[0] for c in LIB_CASES])
def test_sveltekit_lib_alias(tmp_path, label, files, expected):
    write(tmp_path, files)
    assert found(run_json(tmp_path, "."), "LL001") == expected


def test_lib_alias_resolves_only_to_analyzed_files(tmp_path):
    write(tmp_path, {"app/lib/a.ts": "export const a = 1;\n", "app/routes/x/+page.ts": "import { a } from '$lib/a';\n"})
    files = [str(tmp_path / "app/lib/a.ts"), str(tmp_path / "app/routes/x/+page.ts")]
    resolver = Resolver(files)
    assert resolver.resolve(files[1], "$lib/a") == os.path.normpath(files[0])
    assert resolver.resolve(files[1], "$lib/missing") is None
    assert resolver.resolve(files[1], "$libs/a") is None  # not the alias


STORE = """\
const lastUpdate = new Map<string, number>();

export async function getSession(sessionId: string) {
    const last = lastUpdate.get(sessionId) || 0;
    if (Date.now() - last > 60_000) lastUpdate.set(sessionId, Date.now());
    return { id: sessionId };
}

export async function destroySession(sessionId: string) {
    lastUpdate.delete(sessionId);
}
"""

HOOK = """\
import { getSession } from './lib/session-store';

export const %s = async ({ event, resolve }) => {
    const sid = event.cookies.get('sid');
    if (sid) event.locals.session = await getSession(sid);
    return resolve(event);
};
"""

LOGOUT = """\
import { destroySession } from './lib/session-store';

export async function logout(sid: string) {
    await destroySession(sid);
}
"""

HOOK_CASES = [
    # SvelteKit calls the server hook's `handle` for every request: the logout-only delete is on demand
    ("handle in hooks.server.ts", "src/hooks.server.ts", "handle", {("src/lib/session-store.ts", 1)}),
    ("handleFetch in hooks.server.ts", "src/hooks.server.ts", "handleFetch", {("src/lib/session-store.ts", 1)}),
    # the same export in another file is no hook: nothing says it repeats, and the delete counts
    ("handle in another file", "src/handlers.ts", "handle", set()),
    # another export of the hooks file is not called per request by SvelteKit
    ("handleError in hooks.server.ts", "src/hooks.server.ts", "handleError", set()),
]


@pytest.mark.parametrize("label, path, name, expected", HOOK_CASES, ids=[c[0] for c in HOOK_CASES])
def test_sveltekit_server_hook(tmp_path, label, path, name, expected):
    # a logout route calls destroySession(), so its delete is an on-demand removal, not an uncalled clean-up
    write(tmp_path, {"src/lib/session-store.ts": STORE, path: HOOK % name, "src/logout.ts": LOGOUT})
    assert found(run_json(tmp_path, "."), "LL001") == expected


# -- (1) markup event bindings of components --------------------------------------------------------

VUE = """\
<script setup lang="ts">
let timer: ReturnType<typeof setInterval> | null = null;
function restart() {
  timer = setInterval(() => poll(), 1000);
}
function poll() {}
</script>

<template>
  <button %s>Refresh</button>
</template>
"""

SVELTE = """\
<script>
  let timer;
  function restart() {
    timer = setInterval(() => poll(), 1000);
  }
  function poll() {}
</script>

<button %s>Refresh</button>
"""

TEMPLATE_CASES = [
    ("vue @click", "c.vue", VUE % '@click="restart"', {("c.vue", 4)}),
    ("vue v-on:click with arguments", "c.vue", VUE % 'v-on:click="restart($event)"', {("c.vue", 4)}),
    ("svelte on:click", "c.svelte", SVELTE % "on:click={restart}", {("c.svelte", 4)}),
    # a one-shot binding, no binding, or a binding to another function: nothing repeats the store
    ("vue @click.once", "c.vue", VUE % '@click.once="restart"', set()),
    ("not bound", "c.vue", VUE % 'class="primary"', set()),
    ("bound to another function", "c.vue", VUE % '@click="poll"', set()),
]


@pytest.mark.parametrize("label, name, source, expected", TEMPLATE_CASES, ids=[c[0] for c in TEMPLATE_CASES])
def test_template_event_bindings(tmp_path, label, name, source, expected):
    write(tmp_path, {name: source})
    assert found(run_json(tmp_path, name), "LL004") == expected


def test_template_event_handlers_reads_markup_only():
    source = b'<template><a @click="go" @input="v = 1" /></template><script>const s = \' @click="fake"\';</script>'
    assert template_event_handlers(source) == frozenset({"go"})


# -- (2) ES5 constructors bound to a variable, keys and counter indexes --------------------------

CONN = """\
var Connection = function Connection(ep) {
  this.endpoint = ep;
  this.callbacks = %s;
  this.latestId = 0;
};

Connection.prototype.call = function call(method, callback) {
  %s
};

Connection.prototype.handleMessage = function handleMessage(msg) {
  if (typeof this.callbacks[msg.id] === 'function') {
    this.callbacks[msg.id](msg.error, msg.result);%s
  }
};

module.exports = Connection;
"""

ASSIGN_IN_GUARD = "var id = null;\n  if (typeof callback === 'function') {\n    id = ++this.latestId;\n" \
                  "    this.callbacks[id] = callback;\n  }"
DIRECT = "var id = ++this.latestId;\n  this.callbacks[id] = callback;"

ES5_CASES = [
    ("var-bound constructor, object", CONN % ("{}", DIRECT, ""), {("a.js", 3)}),
    ("var-bound constructor, key assigned in a guard", CONN % ("{}", ASSIGN_IN_GUARD, ""), {("a.js", 3)}),
    ("array written at a counter index", CONN % ("[]", ASSIGN_IN_GUARD, ""), {("a.js", 3)}),
    # the reply removes what it runs
    ("removed after the reply", CONN % ("{}", ASSIGN_IN_GUARD, "\n    delete this.callbacks[msg.id];"), set()),
    # the key keeps its fixed initial value: the assignment is in a branch beside the store
    (
        "key assigned in a branch beside the store",
        CONN % ("{}", "var id = 'pending';\n  if (callback) { id = ++this.latestId; }\n  this.callbacks[id] = callback;", ""),
        set(),
    ),
]


@pytest.mark.parametrize("label, source, expected", ES5_CASES, ids=[c[0] for c in ES5_CASES])
def test_es5_constructor_bound_to_variable(tmp_path, label, source, expected):
    write(tmp_path, {"a.js": source})
    assert found(run_json(tmp_path, "a.js"), "LL001") == expected


NOT_GROWTH = [
    # an index the caller gives: the write updates a slot in place
    (
        "parameter index",
        "var Grid = function Grid() { this.cells = []; };\n"
        "Grid.prototype.set = function (i, v) { this.cells[i] = v; };\n"
        "module.exports = Grid;\n",
    ),
    # a counter that starts again on every call (paged loading into groups): how far it runs is the loop's
    (
        "local counter",
        "var List = function List() { this.items = []; };\n"
        "List.prototype.load = function (entries) {\n"
        "  var group = this.items.length;\n"
        "  var i;\n"
        "  for (i = 0; i < entries.length; i++) {\n"
        "    this.items[group] = entries[i];\n"
        "    group++;\n"
        "  }\n"
        "};\n"
        "module.exports = List;\n",
    ),
    # no prototype, no `new`: `this` is whatever the caller binds, not an instance
    ("no class", "var collect = function collect(x) {\n  this.items = {};\n  this.items[++this.n] = x;\n};\n"
                 "module.exports = collect;\n"),
]


@pytest.mark.parametrize("label, source", NOT_GROWTH, ids=[c[0] for c in NOT_GROWTH])
def test_array_index_and_var_function_not_growth(tmp_path, label, source):
    write(tmp_path, {"a.js": source})
    assert found(run_json(tmp_path, "a.js"), "LL001") == set()


# -- (4) a clear before an await ---------------------------------------------------------------------

REFRESH = """\
let timer = null;
function clearTime() {
  clearInterval(timer);
  timer = null;
}
%sfunction onChange() {
%s
}
document.getElementById('refresh').addEventListener('click', onChange);
"""

AWAIT_CASES = [
    ("clear, await, store", REFRESH % ("async ", "  clearTime();\n  await load();\n  timer = setInterval(update, 1000);"), {9}),
    ("await, clear, store", REFRESH % ("async ", "  await load();\n  clearTime();\n  timer = setInterval(update, 1000);"),
     set()),
    ("clear, store (no await)", REFRESH % ("", "  clearTime();\n  load();\n  timer = setInterval(update, 1000);"), set()),
    # an await inside a nested callback does not suspend this function
    (
        "await in a nested function",
        REFRESH % ("async ", "  clearTime();\n  [1].forEach(async () => { await load(); });\n  timer = setInterval(update, 1000);"),
        set(),
    ),
    # an early exit guards the store whatever it waits for
    ("guard with early return", REFRESH % ("async ", "  if (timer) return;\n  await load();\n  timer = setInterval(update, 1000);"),
     set()),
]


@pytest.mark.parametrize("label, source, expected", AWAIT_CASES, ids=[c[0] for c in AWAIT_CASES])
def test_clear_before_await(tmp_path, label, source, expected):
    write(tmp_path, {"a.js": source})
    assert {line for _, line in found(run_json(tmp_path, "a.js"), "LL004")} == expected


# -- (5) JSDoc-typed stream parameters --------------------------------------------------------------

BACKUP = """\
const download = require('./download');

module.exports = {
  /**
   * Back up a database.
   * @param {string} srcUrl - database
   * @param {%s} targetStream - where the backup goes
   */
  backup: function(srcUrl, targetStream) {
    download(srcUrl).on('received', function(batch) {
      targetStream.write(JSON.stringify(batch) + '\\n');
    });
  }
};
"""

JSDOC_CASES = [
    ("stream.Writable", BACKUP % "stream.Writable", {11}),
    ("fs.WriteStream", BACKUP % "fs.WriteStream", {11}),
    # other types, and a fetch Response, are not streams to pace
    ("Object", BACKUP % "Object", set()),
    ("Response", BACKUP % "Response", set()),
    # a plain comment is no JSDoc
    ("line comment", BACKUP.replace("/**", "/*") % "stream.Writable", set()),
]


@pytest.mark.parametrize("label, source, expected", JSDOC_CASES, ids=[c[0] for c in JSDOC_CASES])
def test_jsdoc_stream_parameter(tmp_path, label, source, expected):
    write(tmp_path, {"app.js": source})
    assert {line for _, line in found(run_json(tmp_path, "app.js"), "LL006")} == expected
