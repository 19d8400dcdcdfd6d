"""LL003: request objects stored through same-file helpers, wrappers made from them, createServer handlers.

Each inference has cases of both signs: the helper's store counts for the caller when the helper's
collection outlives the handler, and not when the collection is made per request, when the value
stored is taken out of the request, or when the helper (or a cleanup function) removes the entry.
"""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

RULE = "LL003"

INVALID = [
    Invalid(
        """
        const clients = [];
        function addClient(res) {
          clients.push(res);
        }
        app.get('/events', (req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          addClient(res);
        });
        """,
        at=((3, 3),),
        why="the response passed to a helper that pushes it into a module-level array",
        message_contains="is passed to `addClient()`, which pushes it into `clients`, which outlives the request",
    ),
    Invalid(
        """
        const waiters = [];
        function enqueue(waiter) { waiters.push(waiter); }
        app.get('/poll', (req, res) => {
          enqueue({ req, res, since: Date.now() });
        });
        """,
        at=((2, 28),),
        why="an object literal holding the request objects, handed to a helper that queues it",
    ),
    Invalid(
        """
        function trackConn(server, conn) {
          server.connections.push(conn);
        }
        const server = net.createServer((socket) => {
          trackConn(server, socket);
        });
        """,
        at=((2, 3),),
        why="the helper stores into a field of its parameter, whose argument is declared outside the handler",
        message_contains="is passed to `trackConn()`, which pushes it into `server.connections`",
    ),
    Invalid(
        """
        const toConnection = require('./to-connection');
        const open = new Set();
        function remember(c) { open.add(c); }
        const server = createServer(async (stream) => {
          const maConn = toConnection(stream);
          remember(maConn);
          await serve(maConn);
        });
        """,
        at=((3, 24),),
        why="a wrapper made from the connection (named for one) stored through a helper",
    ),
    Invalid(
        """
        const peers = new Map();
        wss.on('connection', (ws, request) => {
          const client = new Client(ws);
          peers.set(request.headers['sec-websocket-key'], client);
        });
        """,
        at=((4, 3),),
        why="a wrapper built with `new` from the connection, set into a module-level Map directly",
    ),
    Invalid(
        """
        const pending = [];
        const server = http.createServer((incoming, outgoing) => {
          pending.push(outgoing);
        });
        """,
        at=((3, 3),),
        why="the parameters of a createServer handler are the request and response whatever their names",
    ),
    Invalid(
        """
        function Server() {
          this.connections = [];
          this._server = net.createServer(this._onConnection.bind(this));
        }
        Server.prototype._onConnection = function (sock) {
          const config = new Config({ stream: sock });
          const session = new Session({ config });
          this.connections.push(session);
        };
        """,
        at=((8, 3),),
        why="a bound method as createServer's listener; a wrapper of a wrapper (object literal into `new`)",
        message_contains="(made from `sock`",
    ),
    Invalid(
        """
        class Hub {
          constructor(server) {
            this.sockets = [];
            server.on('connection', (socket) => this.track(socket));
          }
          track(socket) {
            this.sockets.push(socket);
          }
        }
        """,
        at=((7, 5),),
        why="a method of the same object stores the connection into a field of `this`",
    ),
    Invalid(
        """
        let sockets;
        function start() {
          sockets = [];
          return net.createServer((conn) => {
            sockets.push(conn);
          });
        }
        """,
        at=((5, 5),),
        why="the list is made afresh once, when the server starts, not between connections",
    ),
    Invalid(
        """
        const registry = (function () {
          const sockets = {};
          return {
            register: function (id, socket) {
              sockets[id] = socket;
            },
          };
        }());
        io.on('connection', (socket) => {
          socket.on('hello', (id) => registry.register(id, socket));
        });
        """,
        at=((5, 7),),
        why="a method of the object an IIFE returns (revealing module) stores the connection",
        message_contains="is passed to `registry.register()`",
    ),
    Invalid(
        """
        const clients = [];
        const hub = {
          add(ws) { clients.push(ws); },
        };
        wss.on('connection', (ws) => {
          hub.add(ws);
        });
        """,
        at=((3, 13),),
        why="a method of a module-level object literal stores the connection",
    ),
]

VALID = [
    Valid(
        """
        const clients = new Set();
        function addClient(res) {
          clients.add(res);
          res.on('close', () => clients.delete(res));
        }
        app.get('/events', (req, res) => {
          addClient(res);
        });
        """,
        why="the helper takes the entry out again on 'close'",
    ),
    Valid(
        """
        const clients = [];
        function addClient(res) { clients.push(res); }
        function removeClient(res) { clients.splice(clients.indexOf(res), 1); }
        app.get('/events', (req, res) => {
          addClient(res);
          req.on('close', () => removeClient(res));
        });
        """,
        why="a cleanup helper removes it when the request closes",
    ),
    Valid(
        """
        function trackConn(server, conn) { server.connections.push(conn); }
        function untrackConn(server, conn) {
          server.connections.splice(server.connections.indexOf(conn), 1);
        }
        const server = net.createServer((socket) => {
          trackConn(server, socket);
          socket.on('close', () => untrackConn(server, socket));
        });
        """,
        why="another helper removes from the same field of its own parameter",
    ),
    Valid(
        """
        const seen = [];
        function record(url) { seen.push(url); }
        app.get('/x', (req, res) => {
          record(req.url);
          res.end();
        });
        """,
        why="what is stored is a primitive taken out of the request, not the request (LL001's business)",
    ),
    Valid(
        """
        const ids = new Set();
        app.get('/x', (req, res) => {
          const reqId = idOf(req);
          ids.add(reqId);
          res.end();
        });
        """,
        why="a value computed from the request whose name does not say it is a connection",
    ),
    Valid(
        """
        function note(list, req) { list.push(req); }
        app.get('/x', (req, res) => {
          const seen = [];
          note(seen, req);
          res.json(seen.length);
        });
        """,
        why="the helper stores into a per-request array: it dies with the request",
    ),
    Valid(
        """
        function makeQueue() {
          const local = [];
          return function keep(req) { local.push(req); return local.length; };
        }
        app.get('/x', (req, res) => {
          const keep = makeQueue();
          res.json(keep(req));
        });
        """,
        why="a collection made per call of a factory, inside the request",
    ),
    Valid(
        """
        function Server() {
          this.connections = [];
          this._server = net.createServer(this._onConnection.bind(this));
        }
        Server.prototype._onConnection = function (sock) {
          const session = new Session({ stream: sock });
          this.connections.push(session);
          sock.on('close', () => this.connections.splice(this.connections.indexOf(session), 1));
        };
        """,
        why="the wrapper is taken out again when its socket closes",
    ),
    Valid(
        """
        class Hub {
          constructor(server) {
            this.sockets = new Set();
            server.on('connection', (socket) => this.track(socket));
          }
          track(socket) {
            this.sockets.add(socket);
            socket.on('close', () => this.sockets.delete(socket));
          }
        }
        """,
        why="the storing method removes the connection on 'close'",
    ),
    Valid(
        """
        let sockets;
        beforeEach(() => {
          sockets = [];
          proxy = net.createServer((conn) => {
            sockets.push(conn);
          });
        });
        """,
        why="a test server whose list a test hook empties before every test",
    ),
    Valid(
        """
        const clients = [];
        const hub = {
          add(ws) { clients.push(ws); },
          remove(ws) { clients.splice(clients.indexOf(ws), 1); },
        };
        wss.on('connection', (ws) => {
          hub.add(ws);
          ws.on('close', () => hub.remove(ws));
        });
        """,
        why="the object's other method takes the connection out on 'close'",
    ),
    Valid(
        """
        let hub = { register(ws) { clients.push(ws); } };
        const clients = [];
        hub = makeHub();
        wss.on('connection', (ws) => {
          hub.register(ws);
        });
        """,
        why="the object is reassigned: which `add` runs is unknown",
    ),
    Valid(
        """
        const counts = [];
        app.get('/x', (req, res) => {
          const parsed = parse({ url: req });
          counts.push(parsed);
          res.end();
        });
        """,
        why="a plain call given an object holding the request returns something else: only `new` keeps it",
    ),
    Valid(
        """
        const server = http.createServer((incoming, outgoing) => {
          const copy = { url: incoming.url };
          outgoing.end(JSON.stringify(copy));
        });
        """,
        why="createServer handler parameters that are never stored",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)
