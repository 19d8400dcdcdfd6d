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
  "exported" REPEATED of the file alone, which no rule trusts;
- guards (cause 4): a one-shot flag kept on a parameter (`if (req._read)
  return; req._read = true;`) guards once per holder, and each call brings
  a new one, so the code after it still runs per call (unless the parameter
  is a long-lived object, such as an agent's pooled socket);
- guards (cause 4): an `if` around `this.timer = setInterval(…)` is a guard
  against overwriting a running timer only when its test reads the slot or a
  name the function assigns (a flag set with the timer); a test of the
  configured period or a prop is not;
- lifetime (cause 3) and events (cause 6): `event.sender` of an `ipcMain`
  listener (also `let { sender } = event`, and a transport parameter that
  defaults to `ipcMain` or is typed `IpcMain`) is the sending renderer's
  `webContents`, the same for every message of its window; Electron's
  `'destroyed'` (webContents) and `'closed'` (BrowserWindow) fire once, at
  the end of the object's life, so a per-message `once()` for them stays.
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


# -- (4) guards: a flag on a per-call holder, a test unrelated to the slot ----------------------

GUARD_CASES = [
    # restify's bodyReader: the flag lives on the request, so the listener is added once per request
    (
        "flag on the request",
        "module.exports = function bodyReader() {\n  return function readBody(req, res, next) {\n"
        "    if (req._bodyRead) { next(); return; }\n    req._bodyRead = true;\n"
        "    req.socket.on('close', next);\n    req.resume();\n  };\n};\n",
        "LL002",
        {5},
    ),
    # the same guard with the flag at module level: once per process
    (
        "flag at module level",
        "let bodyRead = false;\nmodule.exports = function bodyReader() {\n  return function readBody(req, res, next) {\n"
        "    if (bodyRead) { next(); return; }\n    bodyRead = true;\n"
        "    req.socket.on('close', next);\n    req.resume();\n  };\n};\n",
        "LL002",
        set(),
    ),
    # a flag on a deeper path of the parameter (`req.app`, one object for every request) still guards
    (
        "flag on the app behind the request",
        "module.exports = function setup() {\n  return function once(req, res, next) {\n"
        "    if (req.app.hooked) return next();\n    req.app.hooked = true;\n"
        "    process.on('exit', () => req.app.close());\n    next();\n  };\n};\n",
        "LL002",
        set(),
    ),
    # needle's fix: the flag is kept on the agent's pooled socket, which every request gets again
    (
        "flag on a pooled socket",
        "const http = require('http');\nexports.send = function (opts, done) {\n"
        "  const request = http.request(opts, (res) => done(null, res));\n"
        "  request.once('socket', function (socket) {\n    if (!socket.onEnd) {\n"
        "      socket.onEnd = () => done(new Error('closed'));\n      socket.on('end', socket.onEnd);\n    }\n  });\n"
        "  request.end();\n};\n",
        "LL002",
        set(),
    ),
    # griff-react: the test of the period does not stop a second start from overwriting the handle
    (
        "timer under a test of the period",
        "import React from 'react';\nexport default class P extends React.Component {\n"
        "  componentDidMount() { this.begin(); }\n  componentDidUpdate() { this.begin(); }\n"
        "  componentWillUnmount() { clearInterval(this.timer); }\n"
        "  begin() {\n    const { every } = this.props;\n    if (every) {\n"
        "      this.timer = setInterval(() => this.setState({ t: Date.now() }), every);\n    }\n  }\n"
        "  render() { return null; }\n}\n",
        "LL004",
        {9},
    ),
    # a test of the handle itself is the guard
    (
        "timer under a test of its handle",
        "import React from 'react';\nexport default class P extends React.Component {\n"
        "  componentDidMount() { this.begin(); }\n  componentDidUpdate() { this.begin(); }\n"
        "  componentWillUnmount() { clearInterval(this.timer); }\n"
        "  begin() {\n    if (!this.timer) {\n"
        "      this.timer = setInterval(() => this.setState({ t: Date.now() }), 1000);\n    }\n  }\n"
        "  render() { return null; }\n}\n",
        "LL004",
        set(),
    ),
    # a flag set together with the timer is the guard too
    (
        "timer under a flag it sets",
        "import React from 'react';\nexport default class P extends React.Component {\n"
        "  componentDidMount() { this.begin(); }\n  componentDidUpdate() { this.begin(); }\n"
        "  componentWillUnmount() { clearInterval(this.timer); this.running = false; }\n"
        "  begin() {\n    if (this.running === false || this.running === undefined) {\n      this.running = true;\n"
        "      this.timer = setInterval(() => this.setState({ t: Date.now() }), 1000);\n    }\n  }\n"
        "  render() { return null; }\n}\n",
        "LL004",
        set(),
    ),
]


@pytest.mark.parametrize(("what", "source", "rule", "lines"), GUARD_CASES, ids=[c[0] for c in GUARD_CASES])
def test_guards_hold_only_for_their_holder_and_their_slot(tmp_path, what, source, rule, lines):
    name = "a.jsx" if "React" in source else "a.js"
    write(tmp_path, {name: source})
    assert lines_of(run_json(tmp_path, name), rule, name) == lines


# -- (5) Electron: the sender of an ipcMain message, and end-of-life events ---------------------

IPC_CASES = [
    ("on() on event.sender", "ipcMain.on('job', (event, job) => {\n  event.sender.on('destroyed', () => cancel(job));\n  run(job);\n});\n", {4}),
    (
        "once() on a destructured sender",
        "ipcMain.on('job', (event, job, id) => {\n  let { sender } = event;\n  sender.once('destroyed', () => { sender = null; });\n"
        "  run(job).then((r) => sender && sender.send(id, r));\n});\n",
        {5},
    ),
    (
        "transport parameter defaulting to ipcMain",
        "export function expose(target, transport = ipcMain) {\n  transport.on('call', (event, req, id) => {\n"
        "    event.sender.once('destroyed', () => forget(id));\n    event.sender.send(id, target[req.name]);\n  });\n}\n",
        {5},
    ),
    (
        "a module window's 'closed' per message",
        "const win = new BrowserWindow();\nipcMain.on('job', (event, job) => {\n  win.once('closed', () => cancel(job));\n});\n",
        {5},
    ),
    (
        "removed when the answer is sent",
        "ipcMain.on('job', (event, job, id) => {\n  const forget = () => cancel(job);\n  event.sender.once('destroyed', forget);\n"
        "  run(job).then((r) => { event.sender.send(id, r); event.sender.removeListener('destroyed', forget); });\n});\n",
        set(),
    ),
    (
        "sender of another emitter's event",
        "const bus = new EventEmitter();\nbus.on('job', (event, job) => {\n  event.sender.once('destroyed', () => cancel(job));\n});\n",
        set(),
    ),
    (
        "an event the sender fires per load",
        "ipcMain.on('job', (event, job) => {\n  event.sender.once('did-finish-load', () => run(job));\n});\n",
        set(),
    ),
]


@pytest.mark.parametrize(("what", "body", "lines"), IPC_CASES, ids=[c[0] for c in IPC_CASES])
def test_listeners_on_the_sender_of_an_ipc_message_stay_with_its_window(tmp_path, what, body, lines):
    source = "const { ipcMain, BrowserWindow } = require('electron');\nconst { EventEmitter } = require('events');\n" + body
    write(tmp_path, {"main.js": source})
    assert lines_of(run_json(tmp_path, "main.js"), "LL002", "main.js") == lines
