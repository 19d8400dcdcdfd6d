"""Model facts from the fifth round of real applications (docs/real-code.md), each with cases of both signs.

- frequency: Electron's main-process `app` emits 'ready' (and
  'will-finish-launching') once per run, so its listener runs once, like a
  page's 'DOMContentLoaded';
- LL002: an `app.on('ready', f)` added only while `app.isReady()` is false is
  bounded by the one start-up (after it, the other branch runs);
- frequency: a call behind `if (!flag)` runs once when the function it calls
  is this file's own and sets the flag itself (`if (!isInit) init();` with
  `isInit = true` at the end of `init()`), in the file model and in the
  project link;
- LL002: a constructor's `const uid = …` kept in `this.id` and used as the
  event name is removed by `removeListener(this.id, fn)` in another method;
- frequency: a class whose constructor passes `{ once: true }` to `super()`
  (a bot framework's one-shot listener, loaded one per file) runs its
  methods once: what `run()` starts on 'ready' is started once;
- project link: `super.login()` calls the superclass's method, not the
  class's own `login()`: when the superclass comes from a package it says
  nothing of how often the project calls `login()`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import main
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

PROJECTS = Path(__file__).parent / "projects"

# -- Electron's `app` emits 'ready' once per run ------------------------------------------------

APP_READY_VALID = [
    Valid(
        """
        import { app } from 'electron';
        app.on('ready', () => {
          app.on('activate', () => createWindow());
        });
        """,
        "a listener added by the 'ready' listener is added once",
    ),
    Valid(
        """
        const { app } = require('electron');
        app.on('ready', () => start().then(() => {
          app.on('window-all-closed', () => app.quit());
        }));
        """,
        "the same through require() and a promise callback of the 'ready' listener",
    ),
    Valid(
        """
        import electron from 'electron';
        electron.app.on('will-finish-launching', () => {
          electron.app.on('open-file', (event, path) => openFile(path));
        });
        """,
        "'will-finish-launching' on `electron.app`",
    ),
    Valid(
        """
        import { app } from 'electron';
        export function notify(title) {
          if (app.isReady()) {
            show(title);
          } else {
            app.on('ready', () => show(title));
          }
        }
        watcher.on('change', () => notify('Configuration updated'));
        """,
        "a 'ready' listener added only while the app is not ready yet",
    ),
    Valid(
        """
        import { app } from 'electron';
        export function notify(title) {
          if (app.isReady()) return show(title);
          app.on('ready', () => show(title));
        }
        watcher.on('change', () => notify('Configuration updated'));
        """,
        "the same after an early return",
    ),
]

APP_READY_INVALID = [
    Invalid(
        """
        import { app } from 'electron';
        app.on('browser-window-created', () => {
          app.on('activate', () => createWindow());
        });
        """,
        ((3, 3),),
        "a listener added on every other app event accumulates",
    ),
    Invalid(
        """
        import { EventEmitter } from 'events';
        const app = new EventEmitter();
        app.on('ready', () => {
          app.on('activate', () => createWindow());
        });
        """,
        ((4, 3),),
        "an emitter that is not Electron's app may emit 'ready' any number of times",
    ),
    Invalid(
        """
        import { app } from 'electron';
        export function notify(title) {
          app.on('ready', () => show(title));
        }
        watcher.on('change', () => notify('Configuration updated'));
        """,
        ((3, 3),),
        "without the isReady() check a listener is added per call, and after 'ready' none of them runs",
    ),
    Invalid(
        """
        import { app } from 'electron';
        export function notify(win, title) {
          if (win.isReady()) {
            show(title);
          } else {
            app.on('ready', () => show(title));
          }
        }
        watcher.on('change', () => notify(current, 'Configuration updated'));
        """,
        ((6, 5),),
        "a window's isReady() says nothing of the app's start-up",
    ),
]


@pytest.mark.parametrize("case", APP_READY_VALID, ids=ids(APP_READY_VALID))
def test_electron_app_ready_listener_runs_once(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", APP_READY_INVALID, ids=ids(APP_READY_INVALID))
def test_listener_in_a_repeating_app_event_or_unguarded_ready_is_reported(case):
    check_invalid(case, "LL002")


def test_interval_started_from_the_app_ready_listener_runs_once():
    check_valid(
        Valid(
            """
            import { app } from 'electron';
            app.on('ready', () => {
              setInterval(() => checkForUpdates(), 30 * 60 * 1000);
            });
            """,
            "the update check is started once",
        ),
        "LL004",
    )
    check_invalid(
        Invalid(
            """
            import { app } from 'electron';
            app.on('browser-window-focus', () => {
              setInterval(() => checkForUpdates(), 30 * 60 * 1000);
            });
            """,
            ((3, 3),),
            "one more update timer per focus",
        ),
        "LL004",
    )


# -- a one-shot guard whose flag the called function sets ---------------------------------------

_INIT = """
let isInit = false;
async function init() {
  updater.on('error', (err) => console.error(err));
  await loadConfig();
  isInit = true;
}
"""

CALLEE_GUARD_VALID = [
    Valid(
        _INIT + "server.on('request', (req, res) => { if (!isInit) { void init(); } res.end(); });",
        "init() sets the flag its guard tests",
    ),
    Valid(
        _INIT.replace("async function init() {", "const init = async () => {").replace("isInit = true;\n}", "isInit = true;\n};")
        + "server.on('request', (req, res) => { if (!isInit) init(); res.end(); });",
        "the same with an arrow function bound to a const",
    ),
]

CALLEE_GUARD_INVALID = [
    Invalid(
        _INIT.replace("isInit = true;", "isInit = false;") + "server.on('request', (req, res) => { if (!isInit) { void init(); } res.end(); });",
        ((3, 3),),
        "the callee sets the flag to false: the guard never closes",
    ),
    Invalid(
        _INIT + "server.on('request', (req, res) => { if (!isInit) { void init(); } res.end(); });\n"
        "updater.on('reset', () => { isInit = false; });",
        ((3, 3),),
        "the flag is reset elsewhere: a lock, not a one-shot guard",
    ),
    Invalid(
        _INIT + "server.on('request', (req, res) => { if (!isReady) { void init(); } res.end(); });",
        ((3, 3),),
        "the guard tests another flag than the one init() sets",
    ),
]


@pytest.mark.parametrize("case", CALLEE_GUARD_VALID, ids=ids(CALLEE_GUARD_VALID))
def test_call_behind_a_guard_its_callee_closes_runs_once(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", CALLEE_GUARD_INVALID, ids=ids(CALLEE_GUARD_INVALID))
def test_call_behind_a_guard_nothing_closes_repeats(case):
    check_invalid(case, "LL002")


# -- an event name kept in a field by the constructor -------------------------------------------

_SERVER = """
import { ipcMain } from 'electron';
import { v4 as uuid } from 'uuid';
export class Server {
  id!: string;
  constructor(win) {
    const uid = uuid();
    this.id = uid;
    ipcMain.on(uid, this.onMessage);
  }
  onMessage = (event, data) => this.dispatch(data);
  destroy() {
    ipcMain.removeListener(this.id, this.onMessage);
  }
}
export function handle(req) { return new Server(req.win); }
"""

EVENT_FIELD_VALID = [
    Valid(_SERVER, "destroy() removes the listener under the field that holds the constructor's name", "ts"),
    Valid(
        _SERVER.replace("ipcMain.on(uid, this.onMessage);", "ipcMain.on(uid, this.onMessage);\n    win.once('closed', () => ipcMain.off(uid, this.onMessage));"),
        "a removal through the local itself still matches",
        "ts",
    ),
]

EVENT_FIELD_INVALID = [
    Invalid(
        _SERVER.replace("  destroy() {", "  rotate() {\n    this.id = uuid();\n  }\n  destroy() {"),
        ((8, 5),),
        "another method stores a new name in the field: the removal may name another event",
        "ts",
    ),
    Invalid(
        _SERVER.replace("this.id = uid;", "this.channel = uid;"),
        ((8, 5),),
        "the name is kept in another field than the one the removal reads",
        "ts",
    ),
]


@pytest.mark.parametrize("case", EVENT_FIELD_VALID, ids=ids(EVENT_FIELD_VALID))
def test_event_name_kept_in_a_field_is_removed_through_it(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", EVENT_FIELD_INVALID, ids=ids(EVENT_FIELD_INVALID))
def test_event_name_in_a_field_that_may_change_is_not_the_same_event(case):
    check_invalid(case, "LL002")


# -- a listener class that declares itself one-shot ----------------------------------------------

_READY = """
const { Listener } = require('@sapphire/framework');
module.exports = class extends Listener {
  constructor(context, options) {
    super(context, { ...options, event: 'ready', once: true });
  }
  run(client) {
    setInterval(() => client.refreshPresence(), 60 * 1000);
  }
};
"""

ONCE_CLASS_VALID = [
    Valid(_READY, "the framework registers the listener with once(): run() starts one timer"),
    Valid(
        _READY.replace("super(context, { ...options, event: 'ready', once: true });",
                       "super(client, {\n      ...options,\n      emitter: client,\n      event: 'ready',\n      once: true,\n    });")
        .replace("constructor(context, options)", "constructor(client, options)"),
        "the same with the options spread over several lines (dbf)",
    ),
]

ONCE_CLASS_INVALID = [
    Invalid(_READY.replace("once: true", "once: false"), ((7, 5),), "`once: false`: the instance handles every event"),
    Invalid(_READY.replace(", once: true", ""), ((7, 5),), "no once option: a listener for every event"),
    Invalid(
        _READY.replace("super(context, { ...options, event: 'ready', once: true });",
                       "super(context, options);\n    this.configure({ once: true });").replace("(7, 5)", "(8, 5)"),
        ((8, 5),),
        "`once: true` handed to another call than super() says nothing of how the framework registers it",
    ),
]


@pytest.mark.parametrize("case", ONCE_CLASS_VALID, ids=ids(ONCE_CLASS_VALID))
def test_methods_of_a_listener_class_declared_once_run_once(case):
    check_valid(case, "LL004")


@pytest.mark.parametrize("case", ONCE_CLASS_INVALID, ids=ids(ONCE_CLASS_INVALID))
def test_methods_of_a_listener_class_without_once_repeat(case):
    check_invalid(case, "LL004")


# -- `super.m()` is not a call of the class's own `m()` (project link) --------------------------


def _project_findings(name: str) -> list[dict]:
    old = os.getcwd()
    os.chdir(PROJECTS / name)
    try:
        result = CliRunner().invoke(main, ["--format", "json", "--isolated", "."], catch_exceptions=False)
    finally:
        os.chdir(old)
    return json.loads(result.output)["findings"]


def test_method_calling_its_package_superclass_through_super_runs_as_often_as_its_callers():
    # `login()` runs once, from the entry file's top level; its own `super.login(token)` is the SDK's method.
    assert _project_findings("super-call-once") == []


def test_method_calling_super_and_called_per_request_still_repeats():
    found = [(f["path"], f["line"], f["rule"]) for f in _project_findings("super-call-repeats")]
    assert found == [("client.js", 6, "LL004")]
