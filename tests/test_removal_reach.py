"""Removals that do not remove, or run too rarely (round-6 miss cause 3).

Two model facts, each with cases of both signs through LL001 and LL003:
``eviction_reach.shutdown_only`` (a removal reached only when the owner shuts
down, or behind a flag only its shutdown sets) and ``socket_io.silent_listener``
(a `'close'` listener on a Socket.IO socket, which never emits it).
"""

import textwrap

import pytest

from leaklint import syntax
from leaklint.model import FileModel
from leaklint.model.eviction_reach import shutdown_only
from leaklint.model.socket_io import is_socket_io_server, is_socket_io_socket
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

SOCKET_IO_CLOSE = """
    const { Server } = require('socket.io');
    const io = new Server(3000);
    const clients = new Set();
    io.on('connection', (socket) => {
      clients.add(socket);
      socket.on('close', () => {
        clients.delete(socket);
      });
    });
    """

TRACKER_CLOSE_ONLY = """
    const net = require('net');
    class Tracker {
      constructor(server) {
        this.sockets = new Set();
        server.on('connection', (socket) => {
          this.sockets.add(socket);
        });
      }
      close(callback) {
        for (const socket of this.sockets) {
          socket.destroy();
          this.sockets.delete(socket);
        }
        callback();
      }
    }
    module.exports = new Tracker(net.createServer().listen(0));
    """

TRACKER_FLAG = """
    class Shutdown {
      constructor() {
        this.sockets = new Set();
        this.stopped = false;
      }
      register(server) {
        server.on('connection', (socket) => this.track(socket));
        server.on('request', (req, res) => {
          res.on('finish', () => {
            if (this.stopped) this._forget(req.socket);
          });
        });
      }
      track(socket) {
        this.sockets.add(socket);
      }
      shutdown() {
        this.stopped = true;
        for (const socket of this.sockets) this._forget(socket);
      }
      _forget(socket) {
        socket.destroy();
        this.sockets.delete(socket);
      }
    }
    module.exports = new Shutdown();
    """

LL003_INVALID = [
    Invalid(SOCKET_IO_CLOSE, at=((5, 3),), why="a 'close' listener on a Socket.IO socket never runs"),
    Invalid(
        """
        const io = require('socket.io')(require('http').createServer());
        const online = [];
        io.of('/chat').on('connection', (socket) => {
          online.push(socket);
          socket.once('end', () => online.splice(online.indexOf(socket), 1));
        });
        """,
        at=((4, 3),),
        why="an 'end' listener on a Socket.IO namespace's socket never runs",
    ),
    Invalid(TRACKER_CLOSE_ONLY, at=((6, 7),), why="sockets deleted only in the tracker's own close()"),
    Invalid(TRACKER_FLAG, at=((15, 5),),
            why="the delete is reached from shutdown() and behind a flag only shutdown() sets"),
]

LL003_VALID = [
    Valid(SOCKET_IO_CLOSE.replace("'close'", "'disconnect'"), why="a Socket.IO socket's 'disconnect' removes it"),
    Valid(
        """
        const net = require('net');
        const clients = new Set();
        net.createServer((socket) => {
          clients.add(socket);
          socket.on('close', () => clients.delete(socket));
        });
        """,
        why="a net socket emits 'close'",
    ),
    Valid(SOCKET_IO_CLOSE.replace("socket.on('close'", "socket.conn.on('close'"),
          why="the engine.io connection under a Socket.IO socket does emit 'close'"),
    Valid(
        TRACKER_CLOSE_ONLY.replace(
            "          this.sockets.add(socket);\n",
            "          this.sockets.add(socket);\n          socket.on('close', () => this.sockets.delete(socket));\n",
        ),
        why="close() and the socket's own 'close' both remove it",
    ),
    Valid(
        TRACKER_FLAG.replace("if (this.stopped) this._forget(req.socket);", "this._forget(req.socket);"),
        why="the delete also runs when each request finishes",
    ),
    Valid(
        TRACKER_FLAG.replace("this.stopped = true;", "this.stopped = this.reason;"),
        why="a flag set from a value: when it holds is unknown",
    ),
    Valid(
        """
        const clients = new Set();
        function close(socket) {
          clients.delete(socket);
        }
        require('net').createServer((socket) => {
          clients.add(socket);
          socket.on('close', () => close(socket));
        });
        """,
        why="a close(socket) function ends one entry, not the server",
    ),
]

LL001_INVALID = [
    Invalid(
        """
        const express = require('express');
        const { randomUUID } = require('crypto');
        const app = express();
        const sessions = new Map();
        app.post('/login', (req, res) => {
          const id = randomUUID();
          sessions.set(id, { user: req.body.user });
          res.json({ id });
        });
        function shutdown() {
          for (const id of sessions.keys()) sessions.delete(id);
        }
        process.on('SIGTERM', shutdown);
        """,
        at=((4, 7),),
        why="a module-level map emptied only by shutdown()",
    ),
    Invalid(SOCKET_IO_CLOSE, at=((3, 7),), why="LL001 too: the Socket.IO 'close' removal never runs"),
]

LL001_VALID = [
    Valid(
        """
        const express = require('express');
        const { randomUUID } = require('crypto');
        const app = express();
        const sessions = new Map();
        app.post('/login', (req, res) => {
          const id = randomUUID();
          sessions.set(id, { user: req.body.user });
          res.json({ id });
        });
        app.post('/logout', (req, res) => {
          sessions.delete(req.body.id);
          res.end();
        });
        function shutdown() {
          for (const id of sessions.keys()) sessions.delete(id);
        }
        process.on('SIGTERM', shutdown);
        """,
        why="a logout route removes entries while the server serves",
    ),
    Valid(SOCKET_IO_CLOSE.replace("'close'", "'disconnect'"), why="removed on 'disconnect'"),
]


@pytest.mark.parametrize("case", LL003_INVALID, ids=ids(LL003_INVALID))
def test_ll003_invalid(case):
    check_invalid(case, "LL003")


@pytest.mark.parametrize("case", LL003_VALID, ids=ids(LL003_VALID))
def test_ll003_valid(case):
    check_valid(case, "LL003")


@pytest.mark.parametrize("case", LL001_INVALID, ids=ids(LL001_INVALID))
def test_ll001_invalid(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", LL001_VALID, ids=ids(LL001_VALID))
def test_ll001_valid(case):
    check_valid(case, "LL001")


def _model(code: str) -> FileModel:
    source = textwrap.dedent(code).lstrip("\n").encode()
    grammar = syntax.Grammar.JAVASCRIPT
    return FileModel("case.js", source, grammar, syntax.parse(source, grammar))


def test_shutdown_only_names_the_shutdown_method_or_the_flag_test():
    model = _model(TRACKER_FLAG)
    (removal,) = model.method_calls("delete")
    found = shutdown_only(model, removal.node)
    assert found is not None and syntax.text(found).startswith("if (this.stopped)")
    model = _model(TRACKER_CLOSE_ONLY)
    (removal,) = model.method_calls("delete")
    found = shutdown_only(model, removal.node)
    assert found is not None and syntax.text(found).startswith("close(callback)")


@pytest.mark.parametrize(
    "made, expected",
    [
        ("require('socket.io')(server)", True),
        ("require('socket.io').listen(server)", True),
        ("new (require('socket.io').Server)(server)", True),
        ("new Server(server)", True),
        ("new WebSocketServer({ server })", False),
        ("require('net').createServer()", False),
    ],
)
def test_socket_io_server_table(made, expected):
    model = _model(f"""
        const {{ Server }} = require('socket.io');
        const {{ WebSocketServer }} = require('ws');
        const io = {made};
        io.on('connection', (socket) => socket.on('close', () => {{}}));
        """)
    (listen, _inner) = model.method_calls("on")
    assert is_socket_io_server(model, listen.receiver) is expected
    assert is_socket_io_socket(model, _inner.receiver) is expected


# -- command_only: a clear-all that runs only when a rare command arrives ----------------------

DISPATCH = """
    const ws = new WebSocket('wss://example.com/alerts');
    const sounds = [];
    function play(msg) {
      const audio = new Audio(msg.url);
      sounds.push(audio);
      audio.play();
    }
    function stopAll() {
      while (sounds.length > 0) {
        sounds[0].pause();
        sounds.splice(0, 1);
      }
    }
    ws.onmessage = (e) => {
      const msg = JSON.parse(e.data);
      if (msg.stopMedia !== undefined) {
        stopAll();
      } else {
        play(msg);
      }
    };
    """

COMMAND_INVALID = [
    Invalid(DISPATCH, at=((2, 7),), why="a drain loop reached only on the stop command bounds nothing the alerts add"),
    Invalid(
        """
        const history = [];
        require('net').createServer((socket) => {
          socket.on('data', (chunk) => {
            const msg = JSON.parse(chunk);
            if (msg.type === 'reset') {
              history.length = 0;
            } else {
              history.push(msg.text);
            }
          });
        });
        """,
        at=((1, 7),),
        why="emptied only when a 'reset' message comes, grown by every other message",
    ),
]

COMMAND_VALID = [
    Valid(
        DISPATCH.replace("      audio.play();\n",
                         "      audio.onended = () => sounds.splice(sounds.indexOf(audio), 1);\n      audio.play();\n"),
        why="each sound is taken out when it ends: the stop command is extra",
    ),
    Valid(
        """
        const chunks = [];
        require('net').createServer((socket) => {
          socket.on('data', (data) => {
            const msg = JSON.parse(data);
            if (msg.done) {
              save(chunks.join(''));
              chunks.length = 0;
            } else {
              chunks.push(msg.part);
            }
          });
        });
        """,
        why="a batch emptied by its own closing message ('done' is not a command to stop)",
    ),
    Valid(
        """
        const history = [];
        require('net').createServer((socket) => {
          socket.on('data', (chunk) => {
            history.push(String(chunk));
            if (history.length > 500) history.length = 0;
          });
        });
        """,
        why="a size test on the collection itself is a cap",
    ),
    Valid(
        """
        const queue = [];
        require('net').createServer((socket) => {
          socket.on('data', (chunk) => queue.push(String(chunk)));
        });
        setInterval(() => {
          while (queue.length > 0) {
            handle(queue[0]);
            queue.splice(0, 1);
          }
        }, 500);
        """,
        why="a queue drained on every tick, with no command test",
    ),
]


@pytest.mark.parametrize("case", COMMAND_INVALID, ids=ids(COMMAND_INVALID))
def test_command_only_invalid(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", COMMAND_VALID, ids=ids(COMMAND_VALID))
def test_command_only_valid(case):
    check_valid(case, "LL001")


def test_command_only_names_the_command_test():
    from leaklint.model.collections import find_collections
    from leaklint.model.eviction_reach import command_only

    model = _model(DISPATCH)
    (sounds,) = [c for c in find_collections(model) if c.label.endswith("`sounds`")]
    tests = {syntax.text(command_only(model, e, sounds)) for e in sounds.evictions}
    assert tests == {"(msg.stopMedia !== undefined)"}


def test_ll001_notes_name_the_removal_that_does_not_count():
    from tests.ruletest import run

    (finding,) = run(DISPATCH, "LL001")
    notes = [r.message for r in finding.related]
    assert any(n.startswith("empties it only when a stop/reset command arrives") for n in notes)
    (finding,) = run(LL001_INVALID[0].code, "LL001")
    assert any(r.message.startswith("removes entries only when the owner shuts down") for r in finding.related)
