"""Model facts for the round-9 misses left after s10-fresh9 (tests/corpus/README.md, "Round 9").

- a stream's underlying source (cause 1): `new ReadableStream({ start, pull,
  cancel })` and Node's `new Readable({ construct, read, destroy })`.
  `start()` / `construct()` run once per stream made (per request in a route
  handler); `cancel()` / `destroy()` are the stream's teardown, like a
  component's unmount, and so is an 'abort' / 'close' listener registered where
  the stream is made.  A timer started there and cleared only outside that
  teardown (its own callback, after a failed `enqueue()`) outlives a cancelled
  stream (LL004); `this` in `construct()` is the new stream.  A Map entry that
  the growing call arranges to remove when its stream or connection ends (a
  `delete` under the same key in `cancel()`, or in a 'close' listener that
  call registers) is bounded by the live connections, not a pending entry
  left behind (LL001);
- connection handlers registered by reference (cause 2): a class-field arrow
  given as the 'connection' listener (`this.server.on('connection',
  this.newConnection)`) gets the connection as its first parameter, with the
  registration's frequency even when the parameter's name alone already made
  it a guessed one;
- objects built from the connection (cause 6): `list.push(new Connection(this,
  ws))` files the socket with the wrapper that keeps it (LL003);
- removals on only some paths (cause 3): a completion path that settles a
  pending entry (`r.done(err)`) in a branch that returns before the removal
  leaves the entry behind (LL001).

Each fact has cases of both signs: where it applies and where the same code
shape must stay quiet.
"""

from __future__ import annotations

import pytest

from tests.test_round8_facts import run_json, write


def found(findings: list[dict], rule: str) -> set[tuple[str, int]]:
    return {(f["path"], f["line"]) for f in findings if f["rule"] == rule}


# -- (1) a ReadableStream's start() / cancel() ---------------------------------------------------

SSE = """\
const streams = new Map();

export function GET({ request, locals }) {
    const id = locals.user.id;
    let cleanup = () => {};
    let timer;
    const stream = new ReadableStream({
        start(controller) {
            streams.set(id, controller);
            timer = setInterval(() => {
                try {
                    controller.enqueue('ping');
                } catch {
                    clearInterval(timer);
                }
            }, 30000);
%s        },
%s    });
    return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
}
"""

CANCEL = "        cancel() {\n            streams.delete(id);\n%s        },\n"

STREAM_TIMER_CASES = [
    # the timer clears itself only after a failed enqueue; cancel() never clears it
    ("cleared only in its own callback", SSE % ("", CANCEL % ""), {("sse.js", 10)}),
    ("cleared in cancel()", SSE % ("", CANCEL % "            clearInterval(timer);\n"), set()),
    # `cleanup` is reassigned in start(); cancel() calls it
    ("cleared by a function cancel() calls",
     SSE.replace("timer = setInterval", "const timer = setInterval")
     % ("            cleanup = () => clearInterval(timer);\n", CANCEL % "            cleanup();\n"), set()),
    ("cleared in the request signal's 'abort' listener",
     SSE % ("            request.signal.addEventListener('abort', () => clearInterval(timer));\n", CANCEL % ""), set()),
    # no cancel(): nothing tells the source the stream ended, its own clears are all there is
    ("no cancel() at all", SSE % ("", ""), set()),
]


@pytest.mark.parametrize("label, source, expected", STREAM_TIMER_CASES, ids=[c[0] for c in STREAM_TIMER_CASES])
def test_readable_stream_start_timer_needs_cancel(tmp_path, label, source, expected):
    write(tmp_path, {"sse.js": source})
    assert found(run_json(tmp_path, "sse.js"), "LL004") == expected


NODE_READABLE = """\
const http = require('http');
const { Readable } = require('stream');

http.createServer((req, res) => {
    const ticks = new Readable({
        construct(callback) {
            this.timer = setInterval(() => {
                if (!this.push('tick')) clearInterval(this.timer);
            }, 1000);
            callback();
        },
        read() {},
        destroy(err, callback) {
%s            callback(err);
        },
    });
    ticks.pipe(res);
}).listen(3000);
"""


@pytest.mark.parametrize(
    "teardown, expected",
    [("", {("ticks.js", 7)}), ("            clearInterval(this.timer);\n", set())],
    ids=["destroy() does not clear", "destroy() clears; `this` is the new stream, no overwrite"],
)
def test_node_readable_construct_timer_needs_destroy(tmp_path, teardown, expected):
    write(tmp_path, {"ticks.js": NODE_READABLE % teardown})
    assert found(run_json(tmp_path, "ticks.js"), "LL004") == expected


def test_stream_entry_deleted_in_cancel_is_not_a_pending_entry(tmp_path):
    """The SSE Map keyed per request and deleted in cancel(): its entries live as long as their streams."""
    source = SSE.replace("const id = locals.user.id;", "const id = `anon-${Date.now()}`;")
    write(tmp_path, {"sse.js": source % ("", CANCEL % "            clearInterval(timer);\n") + PUSH})
    assert found(run_json(tmp_path, "sse.js"), "LL001") == set()
    write(tmp_path, {"sse.js": source % ("", "") + PUSH})  # no cancel(): nothing ever removes one
    assert found(run_json(tmp_path, "sse.js"), "LL001") == {("sse.js", 1)}


PUSH = """\

export function push(id, data) {
    const controller = streams.get(id);
    if (!controller) return;
    controller.enqueue(data);
}
"""

SOCKETS = """\
const { WebSocketServer } = require('ws');
const wss = new WebSocketServer({ port: 8080 });
const clients = new Map();
wss.on('connection', (ws) => {
%s});
function push(id, data) {
    const ws = clients.get(id);
    if (!ws) return;
    ws.send(data);
}
module.exports = { push };
"""

OWNER_ENDS_CASES = [
    # the connection's own call registers the delete for when it closes
    ("deleted in the connection's 'close' listener",
     "    const id = `c-${Date.now()}`;\n    clients.set(id, ws);\n    ws.on('close', () => clients.delete(id));\n", set()),
    # added per message, removed only when the connection closes (and under another key): pending entries pile up
    ("added per message, removed on the connection's close",
     "    ws.on('close', () => clients.delete(ws.last));\n"
     "    ws.on('message', () => {\n        const id = `m-${Date.now()}`;\n        clients.set(id, ws);\n"
     "        ws.last = id;\n    });\n",
     {("ws.js", 3)}),
]


@pytest.mark.parametrize("label, body, expected", OWNER_ENDS_CASES, ids=[c[0] for c in OWNER_ENDS_CASES])
def test_entry_removed_when_its_connection_ends(tmp_path, label, body, expected):
    write(tmp_path, {"ws.js": SOCKETS % body})
    assert found(run_json(tmp_path, "ws.js"), "LL001") == expected


# -- (2) a class-field arrow registered as the 'connection' listener, a wrapper pushed -------------

HUB = """\
import ws from 'ws';
import Connection from './connection.mjs';

export default class Hub {
    connections = [];

    constructor(server) {
        this.server = new ws.Server({ noServer: true });
        this.server.on('connection', this.newConnection);
    }

    newConnection = (socket) => {
        this.connections.push(%s);
    }
%s}
"""

CONNECTION = """\
export default class Connection {
    constructor(hub, socket) {
        this.hub = hub;
        this.socket = socket;
    }
}
"""

MAIN = "import Hub from './hub.mjs';\nexport const hub = new Hub(null);\n"

REMOVE = """
    removeConnection(connection) {
        this.connections = this.connections.filter((c) => c !== connection);
    }
"""

WRAPPER_CASES = [
    ("a wrapper made from the socket", "new Connection(this, socket)", "", {("hub.mjs", 13)}),
    ("the socket itself", "socket", "", {("hub.mjs", 13)}),
    # a cleanup-named method removes it (called from the Connection's close handler in another file)
    ("a wrapper, with a removal method", "new Connection(this, socket)", REMOVE, set()),
    # a value made from a field of the socket, not the socket: a Date keeps nothing
    ("a Date made from the socket", "new Date(socket)", "", set()),
]


@pytest.mark.parametrize("label, pushed, extra, expected", WRAPPER_CASES, ids=[c[0] for c in WRAPPER_CASES])
def test_connection_listener_by_reference_and_wrapper(tmp_path, label, pushed, extra, expected):
    write(tmp_path, {"hub.mjs": HUB % (pushed, extra), "connection.mjs": CONNECTION, "main.mjs": MAIN})
    assert found(run_json(tmp_path, "."), "LL003") == expected


def test_wrapper_message_names_what_keeps_the_socket(tmp_path):
    write(tmp_path, {"hub.mjs": HUB % ("new Connection(this, socket)", ""), "connection.mjs": CONNECTION, "main.mjs": MAIN})
    (finding,) = [f for f in run_json(tmp_path, ".") if f["rule"] == "LL003"]
    assert "is kept by `new Connection(this, socket)`, which is pushed into `this.connections`" in finding["message"]


# -- (3) a completion path that returns before the removal ----------------------------------------

PENDING = """\
const cluster = require('cluster');
let counter = 0;
const requests = new Map();

function ask(worker) {
    const id = counter++;
    return new Promise((resolve, reject) => {
        const request = { done: (err, value) => (err ? reject(err) : resolve(value)), pending: 1 };
        requests.set(id, request);
        worker.send({ id });
    });
}

cluster.on('message', (worker, message) => {
    const request = requests.get(message.id);
%s});

module.exports = { ask };
"""

PATH_CASES = [
    ("the error reply returns before the delete",
     "    if (message.error) {\n        request.done(new Error(message.error));\n        return;\n    }\n"
     "    if (--request.pending === 0) {\n        requests.delete(message.id);\n        request.done(null, message.value);\n    }\n",
     {("pending.js", 3)}),
    ("the error reply deletes first",
     "    if (message.error) {\n        requests.delete(message.id);\n        request.done(new Error(message.error));\n"
     "        return;\n    }\n"
     "    if (--request.pending === 0) {\n        requests.delete(message.id);\n        request.done(null, message.value);\n    }\n",
     set()),
    ("deleted before either path",
     "    requests.delete(message.id);\n    if (message.error) {\n        request.done(new Error(message.error));\n"
     "        return;\n    }\n    request.done(null, message.value);\n",
     set()),
]


@pytest.mark.parametrize("label, body, expected", PATH_CASES, ids=[c[0] for c in PATH_CASES])
def test_completion_path_returning_before_the_removal(tmp_path, label, body, expected):
    write(tmp_path, {"pending.js": PENDING % body})
    assert found(run_json(tmp_path, "pending.js"), "LL001") == expected
