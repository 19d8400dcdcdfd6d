"""Receivers read as long-lived (or per-call) from what reaches them, each fact with cases of both signs.

- a parameter takes what its callers pass (project link, issue 8 item 1):
  every call from other files passing a long-lived value (a module-level
  emitter, server or instance) makes it long-lived, every call passing a
  per-request object makes it per-request; a Socket.IO server passed by some
  caller (`registerServer(io)`, also in the file itself) makes the
  `'connection'` sockets of a listener on the parameter Socket.IO sockets,
  which never emit `'close'` (round-6 fresh sample, node-server-shutdown);
- a lazily created module singleton (`if (!db) db = new Db(); return db;`,
  `static getInstance()`) reached through its getter is the one long-lived
  instance, also kept in a field or handed to a constructor parameter in
  another file (round-7 fresh sample, Tupaia); a getter that makes a new
  instance on every call, or a slot something else re-fills, is not;
- a jQuery set of page elements (`$('.input')`) bound again from a timer
  keeps every handler, in a file that never re-renders markup (CircuitVerse);
- a write in a method repeats where its callers loop, also through
  `this.m()` and an instance the code types (medplum);
- a `.once()` event named by a per-call id that a helper builds (same file
  or imported) is removed only if that call's answer comes; a function that
  makes such an id is meant to be called many times, and a removal naming
  another function does not take out an inline wrapper (electron-better-ipc).
"""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import main
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids


def _findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str]]:
    for name, code in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(code).lstrip("\n"))
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["--format", "json", "--isolated", "."], catch_exceptions=False)
    finally:
        os.chdir(old)
    return sorted((f["path"], f["line"], f["rule"]) for f in json.loads(result.output)["findings"])


# -- a parameter takes the lifetime of what every caller in another file passes ----------------

WATCH = """
    function watch(emitter, id) {
      emitter.on('change', () => console.log(id));
    }
    module.exports = { watch };
"""

PARAMETER_LIFETIME = [
    (
        "a module-level emitter passed on every request: its listener stays",
        {
            "watch.js": WATCH,
            "app.js": """
                const { EventEmitter } = require('events');
                const { watch } = require('./watch');
                const bus = new EventEmitter();
                const app = require('express')();
                app.get('/x', (req, res) => { watch(bus, req.query.id); res.end(); });
            """,
        },
        [("watch.js", 2, "LL002")],
    ),
    (
        "an imported module-level instance passed from a timer",
        {
            "watch.js": WATCH,
            "bus.js": "const { EventEmitter } = require('events');\nmodule.exports = new EventEmitter();\n",
            "poll.js": """
                const bus = require('./bus');
                const { watch } = require('./watch');
                setInterval(() => watch(bus, Date.now()), 1000);
            """,
        },
        [("watch.js", 2, "LL002")],
    ),
    (
        "a fresh emitter per request: the listener dies with it",
        {
            "watch.js": WATCH,
            "app.js": """
                const { EventEmitter } = require('events');
                const { watch } = require('./watch');
                const app = require('express')();
                app.get('/x', (req, res) => { const e = new EventEmitter(); watch(e, 1); res.end(); });
            """,
        },
        [],
    ),
    (
        "the request itself: a listener on it goes with the request",
        {
            "watch.js": WATCH,
            "app.js": """
                const { watch } = require('./watch');
                const app = require('express')();
                app.get('/x', (req, res) => { watch(req, 1); res.end(); });
            """,
        },
        [],
    ),
    (
        "callers disagree (one passes a module-level emitter, one a fresh one): unknown",
        {
            "watch.js": WATCH,
            "app.js": """
                const { EventEmitter } = require('events');
                const { watch } = require('./watch');
                const bus = new EventEmitter();
                const app = require('express')();
                app.get('/x', (req, res) => { watch(new EventEmitter(), 1); res.end(); });
                app.get('/y', (req, res) => { watch(bus, 2); res.end(); });
            """,
        },
        [],
    ),
    (
        "the function is also handed around: callers the link cannot see",
        {
            "watch.js": WATCH,
            "app.js": """
                const { EventEmitter } = require('events');
                const { watch } = require('./watch');
                const bus = new EventEmitter();
                const app = require('express')();
                app.get('/x', (req, res) => { watch(bus, 1); res.end(); });
                module.exports = { hooks: [watch] };
            """,
        },
        [],
    ),
]


@pytest.mark.parametrize(
    "files,expected", [(files, expected) for _, files, expected in PARAMETER_LIFETIME], ids=[c[0] for c in PARAMETER_LIFETIME]
)
def test_parameter_takes_the_lifetime_every_caller_passes(tmp_path, files, expected):
    assert _findings(tmp_path, files) == expected


# -- a Socket.IO server handed to a parameter: its sockets never emit 'close' -------------------

TRACKER = """
    class Tracker {
      constructor() { this.sockets = new Set(); }
      register(server) {
        server.on('connection', (s) => this.track(s));
      }
      track(socket) {
        this.sockets.add(socket);
        socket.on('%s', () => { this.sockets.delete(socket); });
      }
    }
    module.exports = Tracker;
"""


def _tracker_app(server: str) -> str:
    return f"""
        const Tracker = require('./tracker');
        const tracker = new Tracker();
        const server = {server};
        tracker.register(server);
    """


SOCKET_IO_PARAMETER = [
    (
        "a Socket.IO server from another file: the 'close' removal never runs",
        {"tracker.js": TRACKER % "close", "app.js": _tracker_app("require('socket.io')(8080)")},
        [("tracker.js", 2, "LL001"), ("tracker.js", 7, "LL003")],
    ),
    (
        "removed on 'disconnect', which a Socket.IO socket emits",
        {"tracker.js": TRACKER % "disconnect", "app.js": _tracker_app("require('socket.io')(8080)")},
        [],
    ),
    (
        "an HTTP server: its net sockets emit 'close'",
        {"tracker.js": TRACKER % "close", "app.js": _tracker_app("require('http').createServer().listen(8080)")},
        [],
    ),
]


@pytest.mark.parametrize(
    "files,expected", [(files, expected) for _, files, expected in SOCKET_IO_PARAMETER], ids=[c[0] for c in SOCKET_IO_PARAMETER]
)
def test_socket_io_server_passed_from_another_file(tmp_path, files, expected):
    assert _findings(tmp_path, files) == expected


SAME_FILE_VALID = [
    Valid(
        """
        const http = require('http');
        class Tracker {
          constructor() { this.sockets = new Set(); }
          register(server) {
            server.on('connection', (socket) => {
              this.sockets.add(socket);
              socket.on('close', () => { this.sockets.delete(socket); });
            });
          }
        }
        const tracker = new Tracker();
        tracker.register(http.createServer());
        """,
        "an HTTP server passed in the file: 'close' removes the socket",
    ),
    Valid(
        """
        const socketio = require('socket.io');
        class Tracker {
          constructor() { this.sockets = new Set(); }
          register(server) {
            server.on('connection', (socket) => {
              this.sockets.add(socket);
              socket.on('disconnect', () => { this.sockets.delete(socket); });
            });
          }
        }
        const tracker = new Tracker();
        tracker.register(socketio(8080));
        """,
        "a Socket.IO server, removed on 'disconnect'",
    ),
]

SAME_FILE_INVALID = [
    Invalid(
        """
        const socketio = require('socket.io');
        class Tracker {
          constructor() { this.sockets = new Set(); }
          register(server) {
            server.on('connection', (socket) => {
              this.sockets.add(socket);
              socket.on('close', () => { this.sockets.delete(socket); });
            });
          }
        }
        const tracker = new Tracker();
        tracker.register(socketio(8080));
        """,
        ((6, 7),),
        "a Socket.IO server passed in the file: 'close' never fires",
    ),
    Invalid(
        """
        const socketio = require('socket.io');
        const sockets = new Set();
        function track(socket) {
          sockets.add(socket);
          socket.on('end', () => sockets.delete(socket));
        }
        function register(server) {
          server.on('connection', (s) => track(s));
        }
        register(socketio(8080));
        """,
        ((4, 3),),
        "the socket handed on to a helper whose 'end' listener removes it",
    ),
]


@pytest.mark.parametrize("case", SAME_FILE_VALID, ids=ids(SAME_FILE_VALID))
def test_parameter_given_a_server_in_the_file_keeps_its_close_removal(case):
    check_valid(case, "LL003")


@pytest.mark.parametrize("case", SAME_FILE_INVALID, ids=ids(SAME_FILE_INVALID))
def test_parameter_given_a_socket_io_server_in_the_file_loses_its_close_removal(case):
    check_invalid(case, "LL003")


# -- a lazily created module singleton, reached through its getter ------------------------------

LAZY_PREFIX = """
        const { EventEmitter } = require('events');
        const app = require('express')();"""

LAZY_SINGLETON_INVALID = [
    Invalid(
        LAZY_PREFIX + """
        let bus;
        const getBus = () => {
          if (!bus) bus = new EventEmitter();
          return bus;
        };
        app.get('/x', (req, res) => { getBus().on('change', () => res.write('x')); });
        """,
        ((8, 31),),
        "an arrow getter behind `if (!bus)`",
    ),
    Invalid(
        LAZY_PREFIX + """
        let bus = null;
        function getBus() { return bus || (bus = new EventEmitter()); }
        app.get('/x', (req, res) => { getBus().on('change', () => res.write('x')); });
        """,
        ((5, 31),),
        "`return bus || (bus = …)`",
    ),
    Invalid(
        LAZY_PREFIX + """
        let bus;
        function getBus() { bus ??= new EventEmitter(); return bus; }
        function closeBus() { bus = undefined; }
        app.get('/x', (req, res) => { getBus().on('change', () => res.write('x')); });
        """,
        ((6, 31),),
        "`bus ??= …`, with a reset that lets the next call make the one instance again",
    ),
    Invalid(
        LAZY_PREFIX + """
        class Hub extends EventEmitter {
          static getInstance() {
            if (!Hub.instance) Hub.instance = new Hub();
            return Hub.instance;
          }
        }
        class Session {
          constructor(id) {
            this.hub = Hub.getInstance();
            this.hub.on('tick', () => this.refresh(id));
          }
          refresh() {}
        }
        app.get('/x', (req, res) => { new Session(req.query.id); res.end(); });
        """,
        ((12, 5),),
        "`static getInstance()` kept in a field of a per-request object",
    ),
]

LAZY_SINGLETON_VALID = [
    Valid(
        LAZY_PREFIX + """
        let bus;
        const getBus = () => {
          bus = new EventEmitter();
          return bus;
        };
        app.get('/x', (req, res) => { getBus().on('change', () => res.write('x')); });
        """,
        "the getter makes a new emitter on every call",
    ),
    Valid(
        LAZY_PREFIX + """
        let bus;
        function getBus() { if (!bus) bus = new EventEmitter(); return bus; }
        function renew() { bus = new EventEmitter(); }
        app.get('/x', (req, res) => { getBus().on('change', () => res.write('x')); renew(); });
        """,
        "another function re-fills the slot with a new emitter",
    ),
    Valid(
        LAZY_PREFIX + """
        let last;
        function getBus() { if (!last) { return new EventEmitter(); } return last; }
        app.get('/x', (req, res) => { getBus().on('change', () => res.write('x')); });
        """,
        "one of the getter's returns is a new emitter",
    ),
]


@pytest.mark.parametrize("case", LAZY_SINGLETON_INVALID, ids=ids(LAZY_SINGLETON_INVALID))
def test_lazily_created_singleton_reached_through_its_getter_is_long_lived(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", LAZY_SINGLETON_VALID, ids=ids(LAZY_SINGLETON_VALID))
def test_getter_that_recreates_or_keys_its_value_is_no_singleton(case):
    check_valid(case, "LL002")


REGISTRY = """
    export class Registry {
      constructor(database) {
        this.database = database;
        this.database.on('change', () => this.reset());
      }
      reset() {}
    }
"""


def _broker(argument: str) -> str:
    return f"""
        import {{ Registry }} from './registry';
        import {{ Database }} from './database';
        let database;
        const getDatabase = () => {{
          if (!database) database = new Database();
          return database;
        }};
        export const addRoutes = (app) => {{
          app.get('/data', (req, res) => {{ const models = new Registry({argument}); res.json(models); }});
        }};
    """


DATABASE = "import { EventEmitter } from 'events';\nexport class Database extends EventEmitter {}\n"

SINGLETON_PARAMETER = [
    (
        "the lazy singleton handed to a per-request constructor in another file",
        {"registry.js": REGISTRY, "database.js": DATABASE, "broker.js": _broker("getDatabase()")},
        [("registry.js", 4, "LL002")],
    ),
    (
        "a new database per request: the listener goes with it",
        {"registry.js": REGISTRY, "database.js": DATABASE, "broker.js": _broker("new Database()")},
        [],
    ),
]


@pytest.mark.parametrize(
    "files,expected", [(files, expected) for _, files, expected in SINGLETON_PARAMETER], ids=[c[0] for c in SINGLETON_PARAMETER]
)
def test_singleton_handed_to_a_constructor_parameter(tmp_path, files, expected):
    assert _findings(tmp_path, files) == expected


# -- jQuery sets of page elements, bound again from a timer -------------------------------------

JQUERY_SET_INVALID = [
    Invalid(
        """
        function onInput() { console.log(this.value); }
        function refresh() {
          $('.propertyInput').on('change keyup', onInput);
        }
        setInterval(refresh, 100);
        """,
        ((3, 3),),
        "a class selector bound again on every tick",
    ),
    Invalid(
        """
        import $ from 'jquery';
        setInterval(() => {
          $('#status').on('click', () => console.log('x'));
        }, 1000);
        """,
        ((3, 3),),
        "an id selector in an interval callback, jQuery imported",
    ),
]

JQUERY_SET_VALID = [
    Valid(
        """
        function onInput() { console.log(this.value); }
        function refresh() {
          $('.propertyInput').off('change keyup', onInput);
          $('.propertyInput').on('change keyup', onInput);
        }
        setInterval(refresh, 100);
        """,
        "the same handler is taken off the same elements first",
    ),
    Valid(
        """
        function refresh(items) {
          $('#list').html(items.map((i) => `<li class="item">${i}</li>`).join(''));
          $('.item').on('click', () => console.log('x'));
        }
        setInterval(() => refresh(['a']), 100);
        """,
        "the file re-renders the markup it selects: new elements each tick",
    ),
    Valid(
        """
        function bind() {
          $('.item').on('click', () => console.log('x'));
        }
        $('#reload').on('click', bind);
        """,
        "bound from a click, which may come with new markup",
    ),
    Valid(
        """
        setInterval(() => {
          const row = $('<tr class="row"></tr>');
          row.on('click', () => console.log('x'));
          $('.rows').on('click', () => console.log('y'));
        }, 1000);
        """,
        "a file that builds markup with `$('<tr>')`",
    ),
]


@pytest.mark.parametrize("case", JQUERY_SET_INVALID, ids=ids(JQUERY_SET_INVALID))
def test_jquery_set_of_page_elements_bound_from_a_timer_accumulates(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", JQUERY_SET_VALID, ids=ids(JQUERY_SET_VALID))
def test_jquery_set_removed_rerendered_or_bound_per_event_is_quiet(case):
    check_valid(case, "LL002")


# -- a write in a one-line method repeats where its callers loop --------------------------------

WRITER = """
    import { PassThrough } from 'node:stream';
    class LineWriter {
      private readonly stream = new PassThrough();
      write(item: object): void {
        this.stream.write(JSON.stringify(item) + '\\n');
      }
    }
"""

METHOD_WRITE_INVALID = [
    Invalid(
        WRITER + """
        export class Job {
          constructor(private readonly writer: LineWriter) {}
          writeAll(items: object[]): void {
            for (const item of items) this.writer.write(item);
          }
        }
        """,
        ((5, 5),),
        "called in a loop on a field typed by its constructor parameter",
        lang="ts",
    ),
    Invalid(
        WRITER + """
        export class Job {
          makeWriter(): LineWriter { return new LineWriter(); }
          async writeOne(item: object) {
            const writer = await this.makeWriter();
            writer.write(item);
          }
          async writeAll(items: object[]) {
            for (const item of items) await this.writeOne(item);
          }
        }
        """,
        ((5, 5),),
        "two hops: a method called in a loop calls write() on the writer another method returns",
        lang="ts",
    ),
    Invalid(
        WRITER + """
        export function writeAll(items: object[]) {
          const writer = new LineWriter();
          items.forEach((item) => writer.write(item));
        }
        """,
        ((5, 5),),
        "a forEach callback calls write() on a local instance",
        lang="ts",
    ),
]

METHOD_WRITE_VALID = [
    Valid(
        WRITER + """
        export function writeOne(item: object) {
          const writer = new LineWriter();
          writer.write(item);
        }
        """,
        "one write per call",
        lang="ts",
    ),
    Valid(
        """
        import { PassThrough } from 'node:stream';
        import { once } from 'node:events';
        class LineWriter {
          private readonly stream = new PassThrough();
          async write(item: object): Promise<void> {
            if (!this.stream.write(JSON.stringify(item) + '\\n')) await once(this.stream, 'drain');
          }
        }
        export async function writeAll(items: object[]) {
          const writer = new LineWriter();
          for (const item of items) await writer.write(item);
        }
        """,
        "the method waits for 'drain' when write() returns false",
        lang="ts",
    ),
    Valid(
        WRITER + """
        class Other { write(item: object) { console.log(item); } }
        export function writeAll(items: object[]) {
          const other = new Other();
          for (const item of items) other.write(item);
        }
        """,
        "the loop calls write() of another class",
        lang="ts",
    ),
]


@pytest.mark.parametrize("case", METHOD_WRITE_INVALID, ids=ids(METHOD_WRITE_INVALID))
def test_write_in_a_method_called_from_a_loop_repeats(case):
    check_invalid(case, "LL006")


@pytest.mark.parametrize("case", METHOD_WRITE_VALID, ids=ids(METHOD_WRITE_VALID))
def test_write_in_a_method_called_once_or_waiting_for_drain_is_quiet(case):
    check_valid(case, "LL006")


# -- `.once()` on a per-call name a helper builds ------------------------------------------------

ONCE_PREFIX = """
        const { ipcMain } = require('electron');
        const uniqueId = () => `${Date.now()}-${Math.random()}`;
        const replyChannels = (channel) => {
          const id = uniqueId();
          return { dataChannel: `reply-${channel}-${id}`, sendChannel: `send-${channel}` };
        };"""

FRESH_ONCE_INVALID = [
    Invalid(
        ONCE_PREFIX + """
        const app = require('express')();
        app.get('/x', (req, res) => {
          const { dataChannel } = replyChannels('c');
          ipcMain.once(dataChannel, () => res.end());
        });
        """,
        ((10, 3),),
        "a field the same-file helper builds from a clock and a random number, per request",
    ),
    Invalid(
        ONCE_PREFIX + """
        module.exports.call = (win, channel) => new Promise((resolve) => {
          const { dataChannel } = replyChannels(channel);
          const onData = (event, result) => { ipcMain.off(dataChannel, onData); resolve(result); };
          ipcMain.once(dataChannel, (event, result) => onData(event, result));
          win.webContents.send(`send-${channel}`, { dataChannel });
        });
        """,
        ((10, 3),),
        "an exported function: the per-call id says it is called many times; the off() names another function",
    ),
]

FRESH_ONCE_VALID = [
    Valid(
        ONCE_PREFIX + """
        module.exports.call = (win, channel) => new Promise((resolve) => {
          const { sendChannel } = replyChannels(channel);
          ipcMain.once(sendChannel, (event, result) => resolve(result));
        });
        """,
        "a field built only from the parameters: the same name for the same channel",
    ),
    Valid(
        ONCE_PREFIX + """
        module.exports.call = (win, channel) => new Promise((resolve) => {
          const { dataChannel } = replyChannels(channel);
          const onData = (event, result) => { ipcMain.off(dataChannel, onData); resolve(result); };
          ipcMain.once(dataChannel, onData);
        });
        """,
        "the listener itself is registered, so the off() that names it removes it",
    ),
    Valid(
        ONCE_PREFIX + """
        module.exports.call = (win, channel) => new Promise((resolve) => {
          ipcMain.once(`reply-${channel}`, (event, result) => resolve(result));
        });
        """,
        "an exported function whose event is named by its parameter, not a per-call id",
    ),
]


@pytest.mark.parametrize("case", FRESH_ONCE_INVALID, ids=ids(FRESH_ONCE_INVALID))
def test_once_on_a_per_call_name_a_helper_builds_is_reported(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", FRESH_ONCE_VALID, ids=ids(FRESH_ONCE_VALID))
def test_once_on_a_name_from_parameters_or_removed_by_name_is_quiet(case):
    check_valid(case, "LL002")


def test_once_on_a_per_call_name_built_by_an_imported_helper(tmp_path):
    files = {
        "util.js": """
            const uniqueId = () => `${Date.now()}-${Math.random()}`;
            module.exports.replyChannels = (channel) => {
              const id = uniqueId();
              return { dataChannel: `reply-${channel}-${id}`, sendChannel: `send-${channel}` };
            };
        """,
        "main.js": """
            const { ipcMain } = require('electron');
            const util = require('./util');
            const app = require('express')();
            app.get('/x', (req, res) => {
              const { dataChannel } = util.replyChannels('c');
              ipcMain.once(dataChannel, () => res.end());
              const { sendChannel } = util.replyChannels('c');
              ipcMain.once(sendChannel, () => res.end());
            });
        """,
    }
    assert _findings(tmp_path, files) == [("main.js", 6, "LL002")]


LINE_WRITER = """
    import { PassThrough } from 'node:stream';
    export class LineWriter {
      private readonly stream = new PassThrough();
      writeRow(row: object): void {
        this.stream.write(JSON.stringify(row) + '\\n');
      }
    }
"""

CROSS_FILE_LOOP = [
    (
        "another file calls the method per row in a loop",
        "for (const row of rows) writer.writeRow(row);",
        [("writer.ts", 5, "LL006")],
    ),
    ("another file calls it once", "writer.writeRow(rows[0]);", []),
    ("a loop over a fixed list", "for (const row of [{ a: 1 }, { b: 2 }]) writer.writeRow(row);", []),
]


@pytest.mark.parametrize(
    "body,expected", [(body, expected) for _, body, expected in CROSS_FILE_LOOP], ids=[c[0] for c in CROSS_FILE_LOOP]
)
def test_write_in_a_method_another_file_calls_in_a_loop(tmp_path, body, expected):
    job = f"""
        import {{ LineWriter }} from './writer';
        export async function exportAll(rows: object[]) {{
          const writer = new LineWriter();
          {body}
        }}
    """
    assert _findings(tmp_path, {"writer.ts": LINE_WRITER, "job.ts": job}) == expected


# -- a request object every caller in another file passes is per-request there -------------------

SSE_APP = """
    const express = require('express');
    const { addClient } = require('./clients');
    const app = express();
    app.get('/events', (req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      addClient(%s);
    });
    app.listen(3000);
"""

PASSED_REQUEST = [
    (
        "the response is kept and never taken out",
        "const clients = [];\nfunction addClient(res) {\n  clients.push(res);\n}\nmodule.exports = { addClient };\n",
        "res",
        [("clients.js", 1, "LL001"), ("clients.js", 3, "LL003")],
    ),
    (
        "taken out on 'close'",
        "const clients = [];\nfunction addClient(res) {\n  clients.push(res);\n"
        "  res.on('close', () => clients.splice(clients.indexOf(res), 1));\n}\nmodule.exports = { addClient };\n",
        "res",
        [],
    ),
    (
        "a value taken out of the request is no request object",
        "const ids = [];\nfunction addClient(id) {\n  ids.push(id);\n}\nmodule.exports = { addClient };\n",
        "req.query.id",
        [("clients.js", 1, "LL001")],
    ),
]


@pytest.mark.parametrize(
    "clients,argument,expected",
    [(clients, argument, expected) for _, clients, argument, expected in PASSED_REQUEST],
    ids=[c[0] for c in PASSED_REQUEST],
)
def test_request_object_passed_from_another_file_is_request_scoped(tmp_path, clients, argument, expected):
    assert _findings(tmp_path, {"clients.js": clients, "app.js": SSE_APP % argument}) == expected


# -- a parameter of a function every call in the file fills with a long-lived value -------------

IN_FILE_PREFIX = """
        const { EventEmitter } = require('events');
        const bus = new EventEmitter();
        const app = require('express')();
        function watch(emitter, id) {
          const label = `watch-${id}`;
          emitter.on('change', () => console.log(label));
        }"""

IN_FILE_PARAMETER_INVALID = [
    Invalid(
        IN_FILE_PREFIX + """
        app.get('/x', (req, res) => { watch(bus, req.query.id); res.end(); });
        app.get('/y', (req, res) => { watch(bus, 'y'); res.end(); });
        """,
        ((6, 3),),
        "every call passes the module-level emitter",
    ),
]

IN_FILE_PARAMETER_VALID = [
    Valid(
        IN_FILE_PREFIX + """
        app.get('/x', (req, res) => { watch(bus, req.query.id); res.end(); });
        app.get('/y', (req, res) => { watch(new EventEmitter(), 'y'); res.end(); });
        """,
        "one call passes a fresh emitter",
    ),
    Valid(
        IN_FILE_PREFIX + """
        app.get('/x', (req, res) => { watch(bus, req.query.id); res.end(); });
        module.exports = { watchers: [watch] };
        """,
        "the function is handed around: callers the file cannot see",
    ),
]


@pytest.mark.parametrize("case", IN_FILE_PARAMETER_INVALID, ids=ids(IN_FILE_PARAMETER_INVALID))
def test_parameter_every_call_in_the_file_fills_with_a_long_lived_value(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", IN_FILE_PARAMETER_VALID, ids=ids(IN_FILE_PARAMETER_VALID))
def test_parameter_with_a_fresh_or_unseen_argument_stays_unknown(case):
    check_valid(case, "LL002")
