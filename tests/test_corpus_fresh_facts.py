"""Model facts added for the fresh corpus cases of issue 7 (s3-corpus), each with cases of both signs.

- key provenance: a key read from a field the function assigned just before
  (`packet.id = ++this.seq`);
- lifetime: an instance kept in a static field of its own class
  (`X.instance = new X()` in `getInstance()`) is long-lived, and so are its
  fields; an argument-less getter of an imported object
  (`locator.getEventManager()`) hands out what it holds;
- LL002: `req.socket` of an HTTP request is the keep-alive connection, which
  outlives the request: a listener added to it per request accumulates.
"""

import pytest

from leaklint import syntax
from leaklint.model import FileModel
from leaklint.model.lifetime import Lifetime, keep_alive_connection
from leaklint.model.shape import growth_key, key_source
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids


def _model(code: str, lang: str = "js") -> FileModel:
    source = code.encode()
    grammar = syntax.EXTENSION_GRAMMARS["." + lang]
    return FileModel(f"case.{lang}", source, grammar, syntax.parse(source, grammar))


def _node(model: FileModel, text: str, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = model.source.index(text.encode(), start + 1)
    return model.tree.root_node.named_descendant_for_byte_range(start, start + len(text))


# -- key provenance ---------------------------------------------------------------------------

KEYS = [
    (
        "function emit(fn) { const packet = { type: 'event' }; packet.id = ++this.seq; acks[packet.id] = fn; }",
        "acks[packet.id] = fn",
        "a counter",
    ),
    (
        "function emit(fn) { const packet = { type: 'event' }; packet.id = 'fixed'; acks[packet.id] = fn; }",
        "acks[packet.id] = fn",
        None,
    ),
    (
        "function emit(fn) { const packet = {}; acks[packet.id] = fn; packet.id = ++this.seq; }",
        "acks[packet.id] = fn",
        None,
    ),
]


@pytest.mark.parametrize("code, growth, expected", KEYS, ids=[k[0][:60] for k in KEYS])
def test_key_provenance(code, growth, expected):
    model = _model(code)
    node = _node(model, growth)
    assert node.type == "assignment_expression", node.type
    assert key_source(model, growth_key(node), model.function_at(node)) == expected


# -- lifetimes --------------------------------------------------------------------------------

LIFETIMES = [
    (
        """
        class Site {
          static getInstance() { if (!Site.instance) Site.instance = new Site(); return Site.instance; }
          handle() { this.store; }
        }
        """,
        "this.store",
        Lifetime.LONG_LIVED,
    ),
    (
        """
        class Site {
          static get() { return this.instance ??= new Site(); }
          handle() { this.store; }
        }
        """,
        "this.store",
        Lifetime.LONG_LIVED,
    ),
    (
        """
        class Site {
          static getInstance() { if (!Site.instance) Site.instance = new Site(); return Site.instance; }
          handle() { this.store; }
        }
        function perRequest() { return new Site(); }
        """,
        "this.store",
        Lifetime.UNKNOWN,
    ),
    (
        """
        class Site {
          remember() { this.last = new Site(); }
          handle() { this.store; }
        }
        """,
        "this.store",
        Lifetime.UNKNOWN,
    ),
    (
        """
        class Site {
          static create() { Site.current = new Site(); return Site.current; }
          handle() { this.store; }
        }
        """,
        "this.store",
        Lifetime.UNKNOWN,
    ),
    (
        """
        import { locator } from './locator.js';
        function f() { locator.getEventManager(); }
        """,
        "locator.getEventManager()",
        Lifetime.LONG_LIVED,
    ),
    (
        """
        import { pool } from './db.js';
        function f() { pool.getConnection(); }
        """,
        "pool.getConnection()",
        Lifetime.UNKNOWN,
    ),
    (
        """
        import { registry } from './registry.js';
        function f(id) { registry.getEntry(id); }
        """,
        "registry.getEntry(id)",
        Lifetime.UNKNOWN,
    ),
    (
        """
        function f(service) { service.getEventManager(); }
        """,
        "service.getEventManager()",
        Lifetime.UNKNOWN,
    ),
]


@pytest.mark.parametrize("code, expression, lifetime", LIFETIMES, ids=[f"{e}-{l.value}-{i}" for i, (_, e, l) in enumerate(LIFETIMES)])
def test_lifetime(code, expression, lifetime):
    model = _model(code)
    node = _node(model, expression)
    fact = model.lifetime(node)
    assert fact.lifetime is lifetime, fact.reason


def test_shared_getter_is_inferred():
    model = _model("import { locator } from './l.js';\nfunction f() { locator.getBus(); }\n")
    fact = model.lifetime(_node(model, "locator.getBus()"))
    assert fact.is_long_lived and fact.inferred
    assert "getBus()" in fact.reason


KEEP_ALIVE = [
    ("app.get('/x', (req, res) => { req.socket.on('error', f); });", "req.socket", True),
    ("app.get('/x', (req, res) => { req.connection.on('error', f); });", "req.connection", True),
    ("io.on('connection', (socket) => { socket.conn.on('close', f); });", "socket.conn", False),
    ("function helper(req) { req.socket.on('error', f); }", "req.socket", False),
    ("app.get('/x', (req, res) => { res.socket.on('error', f); });", "res.socket", False),
]


@pytest.mark.parametrize("code, expression, expected", KEEP_ALIVE, ids=[k[0][:50] for k in KEEP_ALIVE])
def test_keep_alive_connection(code, expression, expected):
    model = _model(code)
    fact = keep_alive_connection(model, _node(model, expression))
    assert (fact is not None) is expected
    if expected:
        assert fact.lifetime is Lifetime.REQUEST  # the value itself still dies with its connection
        assert model.lifetime(_node(model, expression)).is_request_scoped


# -- rules ------------------------------------------------------------------------------------

LL001_INVALID = [
    Invalid(
        """
        export class AuthSite {
          static instance;
          store = new Map();
          static getInstance() {
            if (!AuthSite.instance) AuthSite.instance = new AuthSite();
            return AuthSite.instance;
          }
          constructor() { app.get('/cb', this.callback.bind(this)); }
          async callback(req, res) {
            this.store.set(req.query.state, await tokens(req.query.code));
            res.redirect('/next');
          }
        }
        """,
        at=((3, 11),),
        why="a singleton kept in a static field grows a field per request",
        message_contains="kept in its static field `AuthSite.instance`",
    ),
    Invalid(
        """
        function Namespace() { this.seq = 0; this.acks = {}; }
        Namespace.prototype.emit = function (name, fn) {
          var packet = { name: name };
          packet.id = ++this.seq;
          this.acks[packet.id] = fn;
        };
        Namespace.prototype.onAck = function (packet) {
          if (this.acks[packet.ackId]) this.acks[packet.ackId].apply(this, packet.args);
        };
        """,
        at=((1, 50),),
        why="a pending registry keyed by a counter stored in the packet, never deleted on ack",
        message_contains="files an entry under a counter",
    ),
]

LL001_VALID = [
    Valid(
        """
        export class AuthSite {
          static instance;
          store = new Map();
          static getInstance() {
            if (!AuthSite.instance) AuthSite.instance = new AuthSite();
            return AuthSite.instance;
          }
          constructor() { app.get('/cb', this.callback.bind(this)); app.get('/done', this.done.bind(this)); }
          async callback(req, res) {
            this.store.set(req.query.state, await tokens(req.query.code));
            setTimeout(() => this.store.delete(req.query.state), 300000);
            res.redirect('/next');
          }
          done(req, res) { this.store.delete(req.query.state); res.end(); }
        }
        """,
        why="the singleton's entries are deleted on completion and after a timeout",
    ),
    Valid(
        """
        function Namespace() { this.seq = 0; this.acks = {}; }
        Namespace.prototype.emit = function (name, fn) {
          var packet = { name: name };
          packet.id = ++this.seq;
          this.acks[packet.id] = fn;
        };
        Namespace.prototype.onAck = function (packet) {
          if (this.acks[packet.ackId]) {
            this.acks[packet.ackId].apply(this, packet.args);
            delete this.acks[packet.ackId];
          }
        };
        """,
        why="the ack handler deletes the entry it completes",
    ),
]

LL002_INVALID = [
    Invalid(
        """
        app.use(function (req, res, next) {
          function done(err) { next(err); }
          req.socket.on('error', done);
          res.on('finish', done);
        });
        """,
        at=((3, 3),),
        why="a listener on the keep-alive socket per request",
        message_contains="keep-alive",
    ),
    Invalid(
        """
        import { locator } from './locator.js';
        export class List {
          async initialize() {
            const events = locator.getEventManager();
            events.on('persist', this.persist.bind(this));
          }
          persist() {}
        }
        """,
        at=((5, 5),),
        why="an inline bind on the shared event manager a getter hands out, never removable",
    ),
]

LL002_VALID = [
    Valid(
        """
        app.use(function (req, res, next) {
          function done(err) { req.socket.removeListener('error', done); next(err); }
          req.socket.on('error', done);
          res.on('finish', done);
        });
        """,
        why="the listener removes itself from the socket when the request is done",
    ),
    Valid(
        """
        io.on('connection', function (socket) {
          socket.on('message', function (m) { socket.emit('echo', m); });
        });
        """,
        why="a socket.io connection's own socket is the handler's scope",
    ),
    Valid(
        """
        import { locator } from './locator.js';
        export class List {
          constructor() { this.persist = this.persist.bind(this); }
          async initialize() {
            const events = locator.getEventManager();
            events.on('persist', this.persist);
          }
          teardown() { locator.getEventManager().off('persist', this.persist); }
          persist() {}
        }
        """,
        why="removed through the same getter with the same bound reference",
    ),
]


@pytest.mark.parametrize("case", LL001_INVALID, ids=ids(LL001_INVALID))
def test_ll001_invalid(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", LL001_VALID, ids=ids(LL001_VALID))
def test_ll001_valid(case):
    check_valid(case, "LL001")


@pytest.mark.parametrize("case", LL002_INVALID, ids=ids(LL002_INVALID))
def test_ll002_invalid(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", LL002_VALID, ids=ids(LL002_VALID))
def test_ll002_valid(case):
    check_valid(case, "LL002")
