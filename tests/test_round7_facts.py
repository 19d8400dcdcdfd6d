"""Model facts for the round-7 miss causes (tests/corpus/README.md, "Round 7").

- frequency (cause 1): a function kept on a module-level object, as a method
  or function-valued property of `const obj = { … }` or assigned as
  `obj.name = function …`, runs at least as often as the handler or timer of
  the file that calls `obj.name(…)`; the binding must never be reassigned,
  and only callers with sure evidence count (a handler, a timer, or callers
  the project link found), as for a singleton's methods;
- project link (cause 1): `Cache.add(…)` on an imported module-level object
  (`export { Cache }`, `export const Cache = { … }`) is a call to that
  object's `add`, so a listener in one file makes it run per event in the
  other;
- project link (cause 7): an exported function that a timer callback in
  another file calls runs on every tick: the link's REPEATED confirms the
  "exported" REPEATED of the file alone, which no rule trusts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import main


def run_json(cwd: Path, *paths: str) -> list[dict]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(
            main, ["--format", "json", "--isolated", "--no-cache", *paths], catch_exceptions=False
        )
    finally:
        os.chdir(old)
    return json.loads(result.output)["findings"]


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def lines_of(findings: list[dict], rule: str, path: str) -> set[int]:
    return {f["line"] for f in findings if f["rule"] == rule and f["path"] == path}


# -- (1) functions kept on a module-level object, called in the same file ---------------------

CACHE_WITH_THIS = """\
const Cache = {
  files: {},
  add(key, file) { this.files[key] = file; },
};
"""

SAME_FILE_CASES = [
    # a 'drop' listener calls a method of the object literal, which grows the literal's own field
    (
        "literal method, listener caller",
        CACHE_WITH_THIS
        + "document.getElementById('drop').addEventListener('drop', (e) => {\n"
        "  for (const f of e.dataTransfer.files) Cache.add(URL.createObjectURL(f), f);\n"
        "});\n",
        "LL001",
        {2},
    ),
    # a timer calls a `key: function` property that grows the object through its name
    (
        "literal property, timer caller",
        "const Store = {\n  items: new Map(),\n  put: function (k, v) { Store.items.set(k, v); },\n};\n"
        "setInterval(() => { Store.put(String(Date.now()), {}); }, 1000);\n",
        "LL001",
        {2},
    ),
    # `ipc.track = (…) => …` on a module object, called from a route: the module-level Map grows per request
    (
        "assigned property, route caller",
        "const express = require('express');\nconst app = express();\nconst seen = new Map();\n"
        "const ipc = {};\nipc.track = (id, value) => { seen.set(id, value); };\n"
        "app.get('/t/:id', (req, res) => { ipc.track(req.params.id, Date.now()); res.end(); });\n",
        "LL001",
        {3},
    ),
    # the same method called once, at module top level: it grows by one entry
    ("literal method, called once", CACHE_WITH_THIS + "Cache.add('logo', {});\n", "LL001", set()),
    # called only from an exported function of unknown frequency: as often as callers elsewhere decide
    (
        "literal method, called from an export",
        CACHE_WITH_THIS + "export function preload(key) { Cache.add(key, {}); }\n",
        "LL001",
        set(),
    ),
    # a listener calls another object's `add`: it says nothing about `Cache.add`
    (
        "another object's method",
        CACHE_WITH_THIS
        + "const Other = { add(k) { return k; } };\n"
        "document.addEventListener('click', (e) => { Other.add(e.target.id); });\n",
        "LL001",
        set(),
    ),
    # a reassigned binding: `Cache.add()` may call another object's method
    (
        "reassigned binding",
        CACHE_WITH_THIS.replace("const Cache", "let Cache")
        + "Cache = { files: {}, add() {} };\n"
        "document.addEventListener('click', (e) => { Cache.add(e.target.id, e); });\n",
        "LL001",
        set(),
    ),
]


@pytest.mark.parametrize(("what", "source", "rule", "lines"), SAME_FILE_CASES, ids=[c[0] for c in SAME_FILE_CASES])
def test_function_kept_on_a_module_object_runs_as_often_as_its_callers(tmp_path, what, source, rule, lines):
    write(tmp_path, {"a.js": source})
    assert lines_of(run_json(tmp_path, "a.js"), rule, "a.js") == lines


# -- (2) across files: `Cache.add()` on an imported module object -----------------------------

CACHE_MODULE = CACHE_WITH_THIS + "export { Cache };\n"

CROSS_FILE_CASES = [
    # a listener in the loader calls the imported object's method: per event
    (
        "imported object, listener caller",
        {
            "cache.js": CACHE_MODULE,
            "loader.js": "import { Cache } from './cache.js';\n"
            "export function load(url) {\n  const img = new Image();\n"
            "  img.addEventListener('load', () => { Cache.add(url, img); });\n  img.src = url;\n}\n",
        },
        {2},
    ),
    # `export const Cache = { … }` and a timer caller
    (
        "exported const object, timer caller",
        {
            "cache.js": "export const Cache = {\n  files: new Map(),\n  add(k, v) { this.files.set(k, v); },\n};\n",
            "tick.js": "import { Cache } from './cache.js';\nsetInterval(() => { Cache.add(String(Date.now()), 1); }, 500);\n",
        },
        {2},
    ),
    # the importer adds one entry at start-up: nothing repeats
    (
        "imported object, called once",
        {"cache.js": CACHE_MODULE, "boot.js": "import { Cache } from './cache.js';\nCache.add('logo', {});\n"},
        set(),
    ),
]


@pytest.mark.parametrize(("what", "files", "lines"), CROSS_FILE_CASES, ids=[c[0] for c in CROSS_FILE_CASES])
def test_calls_on_an_imported_module_object_carry_the_callers_frequency(tmp_path, what, files, lines):
    write(tmp_path, files)
    assert lines_of(run_json(tmp_path, "."), "LL001", "cache.js") == lines
    assert lines_of(run_json(tmp_path, "cache.js"), "LL001", "cache.js") == set()  # the file alone: unknown callers


# -- (3) a timer in another file calling an exported function ---------------------------------

BINDINGS = "function onInput() { console.log(this.value); }\nexport function rebind() {\n  $(document).on('change', onInput);\n}\n"

TIMER_CASES = [
    ("timer callback calls it", "import { rebind } from './bindings.js';\nsetInterval(() => { rebind(); }, 100);\n", {3}),
    ("passed to setInterval", "import { rebind } from './bindings.js';\nsetInterval(rebind, 100);\n", {3}),
    (
        "named function a timer runs",
        "import { rebind } from './bindings.js';\nfunction sync() { rebind(); }\nsetInterval(sync, 100);\n",
        {3},
    ),
    ("called once at start-up", "import { rebind } from './bindings.js';\nrebind();\n", set()),
    ("a one-shot timeout", "import { rebind } from './bindings.js';\nsetTimeout(() => { rebind(); }, 100);\n", set()),
]


@pytest.mark.parametrize(("what", "caller", "lines"), TIMER_CASES, ids=[c[0] for c in TIMER_CASES])
def test_exported_function_called_from_a_timer_elsewhere_runs_every_tick(tmp_path, what, caller, lines):
    write(tmp_path, {"bindings.js": BINDINGS, "panel.js": caller})
    assert lines_of(run_json(tmp_path, "."), "LL002", "bindings.js") == lines
