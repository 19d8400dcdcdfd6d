"""Model facts from the eighth round of real applications (docs/real-code.md), each with cases of both signs.

- frequency (project link): a callback passed to a project's own `createServer(app, (err, server) => …)`
  whose first parameter is an error is a node-style completion callback, not a request handler
  (signalk-server's `startApis()` ran "on every request");
- lifetime (LL002): one named property of a value the function has just made is made with it
  (`mainWindow = new BrowserWindow(o); mainWindow.webContents.on('dom-ready', …)`, MagicMirror);
- LL001: an entry removed by a closing listener registered where it is filed
  (`socket.on('close', () => this.sockets.delete(id))`), or by a sweep only a setInterval runs
  (`setInterval(() => this.clean(), T)`), is bounded by its own schedule (signalk-server);
- project link (LL001): a removal in a function that runs once per connection (it takes the socket:
  `removeClient(streamId, ws)`, called from the socket's 'close' listener in another file) ends the
  entry that connection filed; it is no on-demand removal by name (signalk-server);
- LL005: every closure one call makes shares its one context, so a value kept through it is one
  finding, naming the other closures (cgm-remote-monitor's fourteen `client.*` methods).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run
from tests.test_project_link import run_json

PROJECTS = Path(__file__).parent / "projects"


def _findings(project: str | Path) -> list[dict]:
    return run_json(".", cwd=PROJECTS / project)["findings"]


# -- frequency: a node-style (err, server) callback is no request handler ------------------------


def test_an_error_first_server_callback_is_no_request_handler():
    # before the fact: "runs on every request", through `createServer(app, (err, server) => …)`
    found = _findings("err-first-server")
    assert [f["path"] for f in found] == ["api.ts"]  # still a class method's uncleared timer
    assert all("request" not in f["message"] for f in found)


def test_a_request_listener_of_create_server_still_repeats(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "err-first-server", project)
    (project / "server.ts").write_text(
        "import * as http from 'http'\n"
        "import { startApis } from './api'\n\n"
        "// http.createServer's own request listener: every request starts the APIs again.\n"
        "export function boot(app: any) {\n"
        "  const server = http.createServer((req, res) => {\n"
        "    startApis(app)\n"
        "    res.end()\n"
        "  })\n"
        "  server.listen(3000)\n"
        "}\n"
    )
    found = _findings(project)
    assert [(f["rule"], f["path"], f["line"]) for f in found] == [("LL004", "api.ts", 6)]
    assert "on every request" in found[0]["message"]


# -- LL002: a property of a value just made -------------------------------------------------------

FRESH_PROPERTY_VALID = [
    Valid(
        """
        const { BrowserWindow, app } = require('electron');
        let mainWindow;
        function createWindow() {
          mainWindow = new BrowserWindow({});
          mainWindow.webContents.on('dom-ready', () => {
            mainWindow.webContents.sendInputEvent({ type: 'mouseMove', x: 0, y: 0 });
          });
        }
        app.on('window-all-closed', () => createWindow());
        """,
        "the webContents of the window this call made",
    ),
]

FRESH_PROPERTY_INVALID = [
    Invalid(
        """
        const { BrowserWindow, app } = require('electron');
        let mainWindow;
        function createWindow() {
          mainWindow = mainWindow || BrowserWindow.getFocusedWindow();
          mainWindow.webContents.on('dom-ready', () => {
            mainWindow.webContents.sendInputEvent({ type: 'mouseMove', x: 0, y: 0 });
          });
        }
        app.on('window-all-closed', () => createWindow());
        """,
        ((5, 3),),
        "a window found, not made: its webContents gets one more listener per call",
    ),
]


@pytest.mark.parametrize("case", FRESH_PROPERTY_VALID, ids=ids(FRESH_PROPERTY_VALID))
def test_a_property_of_a_value_just_made_is_new(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", FRESH_PROPERTY_INVALID, ids=ids(FRESH_PROPERTY_INVALID))
def test_a_property_of_a_value_found_is_not_new(case):
    check_invalid(case, "LL002")


# -- LL001: removed on the entry's own close, or by a periodic sweep -----------------------------

SOCKETS = """
import * as net from 'net';
export class SocketManager {
  sockets = new Map();
  next = 1;
  createSocket(port) {
    const socketId = this.next++;
    const socket = net.createConnection(port);
    socket.on('close', () => { this.sockets.delete(socketId); });
    this.sockets.set(socketId, { socket });
    return socketId;
  }
  write(socketId, data) {
    const managed = this.sockets.get(socketId);
    managed.socket.write(data);
  }
}
"""

ALARMS = """
export class NotificationManager {
  alarms = new Map();
  forCleaning = [];
  constructor() { this.cleanTimer = setInterval(() => this.clean(), 60000); }
  raise(options) {
    const id = crypto.randomUUID();
    this.alarms.set(id, { options });
    return id;
  }
  update(id, state) { this.alarms.get(id).update(state); }
  clean() {
    const gone = [];
    this.alarms.forEach((v, k) => { if (this.forCleaning.includes(k)) gone.push(k); });
    gone.forEach((id) => { this.alarms.delete(id); });
  }
}
"""

OWN_SCHEDULE_VALID = [
    Valid(SOCKETS, "each socket's entry goes when that socket closes"),
    Valid(ALARMS, "settled alarms are swept by the instance's own timer"),
]

OWN_SCHEDULE_INVALID = [
    Invalid(SOCKETS.replace("socket.on('close'", "socket.on('data'"), ((3, 13),),
            "a 'data' listener is no end of the entry's life"),
    Invalid(ALARMS.replace("  constructor() { this.cleanTimer = setInterval(() => this.clean(), 60000); }\n", ""),
            ((2, 12),), "a sweep nothing schedules is on demand"),
]


def test_the_twins_differ_from_the_valid_cases():
    assert all(bad.code != good.code for bad, good in zip(OWN_SCHEDULE_INVALID, OWN_SCHEDULE_VALID))


@pytest.mark.parametrize("case", OWN_SCHEDULE_VALID, ids=ids(OWN_SCHEDULE_VALID))
def test_a_removal_on_the_entrys_own_schedule_bounds_it(case):
    check_valid(case, "LL001")


@pytest.mark.parametrize("case", OWN_SCHEDULE_INVALID, ids=ids(OWN_SCHEDULE_INVALID))
def test_a_removal_nobody_schedules_does_not(case):
    check_invalid(case, "LL001")


def test_a_removal_taking_the_connection_ends_its_entry():
    # `removeClient(streamId, ws)` from the socket's 'close' listener in another file
    assert _findings("per-connection-removal") == []


def test_a_removal_by_key_alone_is_still_on_demand(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "per-connection-removal", project)
    manager, server = project / "manager.ts", project / "server.ts"
    manager.write_text(manager.read_text().replace(
        "removeClient(streamId: string, ws: WebSocket): void {", "removeStream(streamId: string): void {"
    ).replace("    clients.delete(ws)\n", ""))
    server.write_text(server.read_text().replace(
        "streamManager.removeClient(streamId, ws)", "streamManager.removeStream(streamId)"
    ))
    assert "removeStream(streamId)" in server.read_text() and "removeClient" not in manager.read_text()
    found = [(f["rule"], f["path"], f["line"], f["confidence"]) for f in _findings(project)]
    assert found == [("LL001", "manager.ts", 4, "high")]


# -- LL005: one finding per value a call's context keeps -----------------------------------------

SHARED_CONTEXT = """
const client = {};
client.load = function load(settings) {
  const opacity = { current: 1, DAY: 1, NIGHT: 0.5 };
  function updateClock() { if (opacity.current) setTimeout(updateClock, 1000); }
  client.entryToDate = function entryToDate(e) { return new Date(e); };
  client.formatTime = function formatTime(t) { return String(t); };
  client.brushed = function brushed() { return 1; };
  updateClock();
};
module.exports = client;
"""


def test_closures_of_one_call_keeping_one_value_are_one_finding():
    findings = run(SHARED_CONTEXT, "LL005")
    assert [(f.line, f.confidence) for f in findings] == [(5, "medium")]
    notes = [r.message for r in findings[0].related]
    assert sum("is kept the same way" in n for n in notes) == 2
