"""Receiver and collection lifetimes from where the value comes from (round-4 miss cause 1), both signs.

- a local of a factory function kept by a closure that outlives the call
  (returned alone or in an object literal, registered as a request handler
  or as a listener on a long-lived receiver, stored in a long-lived place)
  is the same object on every call of that closure: growth there (LL001) and
  listeners added there (LL002) accumulate.  Growth in the factory itself
  fills a new collection per call; a callback that dies with the call
  (`forEach`, a listener on a stream parameter or on `req`) keeps nothing.
- b: a connection reached through a property of a per-message function's
  client parameter (`subscribe(name, socketWrapper)` reading
  `socketWrapper.socket`) is the same on every message of that client: a
  'close' once() listener added per message piles up (LL002).  A
  registration entry point (`subscribe`, `on`, `use`) that takes a client after
  another argument runs once per message, not once.  A socket reached through
  a property of `this` or a parameter (`this.connector.socket`) is a network
  stream for LL006 (inferred, medium).  A removal through a record kept in a
  list (`list.push({ fn })` … `off(e, list[i].fn)`) through a same-named
  parameter of another method matches the registration.
- c: what a same-file getter returns from a pooled or cached member
  (`this.pool.get(k) ?? await connect()`, a guarded `this.connection`,
  `(POOL.get(k) ?? [])[0]` through a module object's method) is the same
  object on every call that gets it: a listener added to it per call piles up
  (LL002, medium).  A getter that makes a new object, or sets the field to a
  new one before returning it, and a getter the file does not show stay
  unknown.
- d: a base class whose every production subclass is a DI singleton
  (`@Injectable({ providedIn: 'root' }) class S extends Base`, in another
  file) has only those singletons as instances: its fields are long-lived
  (project link).  A base class also made directly, or with another
  subclass, is not.  `ngOnInit` (and the other init hooks) of an Angular
  `@Component`/`@Directive` runs once per component instance: per mount.
- page elements: a same-file helper whose every return is
  `document.getElementById(p)` of its own parameter, called with a literal,
  is that fixed element; a field only ever given such elements holds one,
  whatever instance holds the field (listeners each instance adds pile up).
"""

import pytest

from leaklint import syntax
from leaklint.model import FileModel
from leaklint.model.lifetime import Lifetime
from leaklint.model.calls import HandlerKind
from leaklint.model.frequency import Evidence, Frequency
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids


def _model(code: str, lang: str = "js") -> FileModel:
    source = code.encode()
    grammar = syntax.EXTENSION_GRAMMARS["." + lang]
    return FileModel(f"case.{lang}", source, grammar, syntax.parse(source, grammar))


def _lifetime_at(code: str, text: str, lang: str = "js"):
    """The lifetime of the identifier that starts ``text`` (its last occurrence)."""
    model = _model(code, lang)
    start = model.source.rindex(text.encode())
    node = model.tree.root_node.descendant_for_byte_range(start, start + 1)
    return model.lifetime(node, infer=True)


# -- a: a factory's local kept by a closure that outlives the call ----------------------------

KEPT_LOCALS = [
    # (code, the use asked about, long-lived?)
    ("function make() { const m = new Map(); return (k) => { m.set(k, 1) } }", "m.set", True),
    ("function make() { const m = new Map(); function add(k) { m.set(k, 1) } return { add } }", "m.set", True),
    ("function make() { const m = new Map(); return { add(k) { m.set(k, 1) } } }", "m.set", True),
    ("function mount(app) { const bus = new E(); app.get('/w', (req, res) => { bus.on('x', f) }) }", "bus.on", True),
    ("function mount() { const m = new Map(); module.exports.add = function (k) { m.set(k, 1) } }", "m.set", True),
    ("function mount() { const m = new Map(); process.on('message', (msg) => { m.set(msg.id, msg) }) }",
     "m.set", True),
    # the factory's own use: a new object per call of the factory
    ("function make() { const m = new Map(); m.set('a', 1); return (k) => m.get(k) }", "m.set", False),
    # a callback that dies with the call, or with a short-lived emitter
    ("function f(items) { const s = new Set(); items.forEach((i) => { s.add(i) }) }", "s.add", False),
    ("function f(stream) { const c = []; stream.on('data', (d) => { c.push(d) }) }", "c.push", False),
    ("app.post('/', (req, res) => { const c = []; req.on('data', (d) => { c.push(d) }) })", "c.push", False),
    ("function f() { const e = new E(); const s = new Set(); e.on('x', (v) => { s.add(v) }); return e }",
     "s.add", False),
    # reassigned: the closure does not see one object
    ("function make() { let m = new Map(); return { add(k) { m.set(k, 1) }, reset() { m = new Map() } } }",
     "m.set", False),
    # a UI hook's closures live as long as one component instance
    ("function useCache() { const m = new Map(); return (k) => { m.set(k, 1) } }", "m.set", False),
]


@pytest.mark.parametrize("code, text, long_lived", KEPT_LOCALS, ids=[c[0][:60] for c in KEPT_LOCALS])
def test_kept_local_lifetime(code, text, long_lived):
    fact = _lifetime_at(code, text)
    assert (fact.lifetime is Lifetime.LONG_LIVED) == long_lived, fact
    if long_lived:
        assert fact.inferred and "kept by" in fact.reason


FACTORY_COLLECTIONS_INVALID = [
    Invalid(
        """
        export function createClient(transport) {
          let next = 0;
          const pending = new Map();
          function call(method) {
            return new Promise((resolve) => {
              const id = ++next;
              pending.set(id, resolve);
              transport.send({ id, method });
            });
          }
          transport.onReply((reply) => {
            const resolve = pending.get(reply.id);
            resolve(reply.value);
          });
          return { call };
        }
        """,
        ((3, 9),),
        "a pending-call registry of a factory, kept by the returned call(), filled per call and never deleted",
        message_contains="kept by `call`",
    ),
    Invalid(
        """
        module.exports = function mount(app) {
          const lastSeen = new Map();
          app.get('/ping/:id', (req, res) => {
            lastSeen.set(req.params.id, Date.now());
            res.end();
          });
        };
        """,
        ((2, 9),),
        "a factory's Map kept by the route handler it registers, grown per request by a request key",
        message_contains="registered as a request handler",
    ),
    Invalid(
        """
        export function memoize(fn) {
          const cache = new Map();
          return (key) => {
            if (cache.has(key)) return cache.get(key);
            const value = fn(key);
            cache.set(key, value);
            return value;
          };
        }
        """,
        ((2, 9),),
        "an unbounded memoizing wrapper: the returned closure caches every distinct argument",
    ),
    Invalid(
        """
        const cachedStrFunc = (func) => {
          const cache = {};
          return (s) => {
            if (!cache[s]) cache[s] = func(s);
            return cache[s];
          };
        };
        export const normalize = cachedStrFunc((s) => s.trim());
        """,
        ((2, 9),),
        "the memoizing closure is kept at module level: its cache lives with the module",
    ),
]

FACTORY_COLLECTIONS_VALID = [
    Valid(
        """
        app.get('/users', (req, res) => res.json(index(req.query.ids)));
        function index(items) {
          const byId = new Map();
          for (const item of items) byId.set(item.id, item);
          return (id) => byId.get(id);
        }
        """,
        "filled in the factory itself: a new Map per call, the returned closure only reads it",
    ),
    Valid(
        """
        app.post('/upload', (req, res) => {
          const chunks = [];
          req.on('data', (chunk) => chunks.push(chunk));
          req.on('end', () => res.end(Buffer.concat(chunks)));
        });
        """,
        "a request body collected from the request's own 'data' events dies with the request",
    ),
    Valid(
        """
        export function collect(stream) {
          const chunks = [];
          stream.on('data', (chunk) => chunks.push(chunk));
          return new Promise((resolve) => stream.on('end', () => resolve(chunks)));
        }
        """,
        "a listener on a stream parameter keeps the array only as long as that stream",
    ),
    Valid(
        """
        export function createStore() {
          const items = [];
          return { items, add(item) { items.push(item); } };
        }
        """,
        "the collection itself is handed to the caller, who may empty it",
    ),
    Valid(
        """
        export function createRegistry() {
          const pending = new Map();
          let next = 0;
          return {
            add(cb) { const id = ++next; pending.set(id, cb); return id; },
            done(id) { const cb = pending.get(id); pending.delete(id); cb(); },
          };
        }
        """,
        "a pending registry whose completion path deletes the entry",
    ),
    Valid(
        """
        export function useLookup() {
          const cache = new Map();
          return (key) => {
            if (!cache.has(key)) cache.set(key, compute(key));
            return cache.get(key);
          };
        }
        """,
        "a UI hook's cache lives as long as one component",
    ),
    Valid(
        """
        const cachedStrFunc = (func) => {
          const cache = {};
          return (s) => {
            if (!cache[s]) cache[s] = func(s);
            return cache[s];
          };
        };
        export function rewrite(lines) {
          const undo = cachedStrFunc((s) => s.trim());
          return lines.map(undo);
        }
        """,
        "every caller in the file keeps the memoizing closure in a local: its cache dies with that call",
    ),
    Valid(
        """
        const net = require('net');
        test('closes every socket', () => {
          const sockets = [];
          const server = net.createServer((socket) => { sockets.push(socket); });
          server.listen(0);
        });
        """,
        "a handler registered with a server the same call creates: the array lives as long as that server",
    ),
    Valid(
        """
        function check(done) {
          const engine = listen();
          run(() => {
            const seen = new Set();
            engine.on('connection', (conn) => { seen.add(conn.id); });
          });
        }
        """,
        "registered with a local of an enclosing call: made per call of that function",
    ),
]


@pytest.mark.parametrize("case", FACTORY_COLLECTIONS_INVALID, ids=ids(FACTORY_COLLECTIONS_INVALID))
def test_factory_collection_invalid(case):
    check_invalid(case, "LL001")


def test_factory_collection_findings_are_medium():
    from tests.ruletest import run

    for case in FACTORY_COLLECTIONS_INVALID:
        assert {f.confidence for f in run(case.code, "LL001", case.lang)} == {"medium"}, case.why


@pytest.mark.parametrize("case", FACTORY_COLLECTIONS_VALID, ids=ids(FACTORY_COLLECTIONS_VALID))
def test_factory_collection_valid(case):
    check_valid(case, "LL001")


FACTORY_EMITTERS_INVALID = [
    Invalid(
        """
        const EventEmitter = require('events');
        module.exports = function longpoll(app) {
          const updates = new EventEmitter();
          app.get('/poll', (req, res) => {
            updates.on('update', (data) => res.json(data));
          });
          return { publish: (data) => updates.emit('update', data) };
        };
        """,
        ((5, 5),),
        "an emitter local to the factory, kept by the route handler: a listener per poll request piles up",
    ),
]

FACTORY_EMITTERS_VALID = [
    Valid(
        """
        const EventEmitter = require('events');
        module.exports = function longpoll(app) {
          const updates = new EventEmitter();
          app.get('/poll', (req, res) => {
            const send = (data) => res.json(data);
            updates.on('update', send);
            res.on('close', () => updates.off('update', send));
          });
        };
        """,
        "the same route removes its listener when the request ends",
    ),
    Valid(
        """
        const EventEmitter = require('events');
        export function makeJob() {
          const events = new EventEmitter();
          events.on('progress', (p) => log(p));
          return events;
        }
        """,
        "a listener added by the factory itself to the emitter it makes: one per emitter",
    ),
]


@pytest.mark.parametrize("case", FACTORY_EMITTERS_INVALID, ids=ids(FACTORY_EMITTERS_INVALID))
def test_factory_emitter_invalid(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", FACTORY_EMITTERS_VALID, ids=ids(FACTORY_EMITTERS_VALID))
def test_factory_emitter_valid(case):
    check_valid(case, "LL002")


# -- b: a client's connection reached through a property ----------------------------------------

CLIENT_CONNECTION_INVALID = [
    Invalid(
        """
        Registry.prototype.subscribe = function (name, socketWrapper) {
          this.names[name] = (this.names[name] || []).concat(socketWrapper);
          socketWrapper.socket.once('close', this.unsubscribeAll.bind(this, socketWrapper));
        };
        """,
        ((3, 3),),
        "a 'close' once() per subscribe message on the client's one connection",
        message_contains="socketWrapper.socket",
    ),
    Invalid(
        """
        export function subscribe(topic, client) {
          topics.add(topic);
          client.conn.once('close', () => topics.delete(topic));
        }
        """,
        ((3, 3),),
        "a client parameter's `conn` in a subscribe entry point that acts for the client",
    ),
]

CLIENT_CONNECTION_VALID = [
    Valid(
        """
        io.on('connection', (client) => {
          client.conn.once('close', () => log('gone'));
        });
        """,
        "once per connection: the connection handler's own client",
    ),
    Valid(
        """
        export function subscribe(callback) {
          bus.on('change', callback);
        }
        """,
        "subscribe(callback) is a registration entry point: run once",
    ),
    Valid(
        """
        export function subscribe(topic, client) {
          client.conn.once('data', (d) => reply(topic, d));
        }
        """,
        "a once() for an event that each message brings removes itself",
    ),
    Valid(
        """
        export function subscribe(topic, client) {
          const socket = net.connect(topic);
          socket.once('close', () => retry(topic));
        }
        """,
        "a socket this call creates: one listener per socket",
    ),
    Valid(
        """
        app.get('/a', (req, res) => {
          const onClose = () => cancel(req);
          req.socket.once('close', onClose);
          res.on('finish', () => req.socket.removeListener('close', onClose));
        });
        """,
        "a per-request listener on req.socket removed when the response finishes",
    ),
    Valid(
        """
        Registry.prototype.subscribe = function (name, socketWrapper) {
          var fn = this.unsubscribeAll.bind(this, socketWrapper);
          this.handlers.push({ socketWrapper: socketWrapper, fn: fn });
          socketWrapper.socket.once('close', fn);
        };
        Registry.prototype.unsubscribe = function (name, socketWrapper) {
          for (var i = 0; i < this.handlers.length; i++) {
            if (this.handlers[i].socketWrapper === socketWrapper) {
              socketWrapper.socket.removeListener('close', this.handlers[i].fn);
              this.handlers.splice(i, 1);
            }
          }
        };
        """,
        "the listener is kept in a record and removed from the same client's socket by unsubscribe()",
    ),
]


@pytest.mark.parametrize("case", CLIENT_CONNECTION_INVALID, ids=ids(CLIENT_CONNECTION_INVALID))
def test_client_connection_invalid(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", CLIENT_CONNECTION_VALID, ids=ids(CLIENT_CONNECTION_VALID))
def test_client_connection_valid(case):
    check_valid(case, "LL002")


SOCKET_PROPERTY_INVALID = [
    Invalid(
        """
        module.exports = {
          handler() {
            return this.fs.read(this.path).then((stream) => {
              stream.on('data', (data) => this.connector.socket.write(data));
            });
          },
        };
        """,
        ((4, 35),),
        "a file stream copied to the data connection `this.connector.socket` without backpressure",
        message_contains="this.connector.socket",
    ),
    Invalid(
        """
        function relay(source, peer) {
          source.on('data', (chunk) => { peer.dataSocket.write(chunk); });
        }
        """,
        ((2, 34),),
        "a parameter's `dataSocket` written from another stream's 'data' events",
    ),
]

SOCKET_PROPERTY_VALID = [
    Valid(
        """
        module.exports = {
          handler() {
            return this.fs.read(this.path).then((stream) => {
              stream.on('data', (data) => {
                stream.pause();
                this.connector.socket.write(data, () => stream.resume());
              });
            });
          },
        };
        """,
        "the source is paused until the socket takes each chunk",
    ),
    Valid(
        """
        function echo(peer) {
          peer.socket.on('data', (chunk) => { peer.socket.write(chunk); });
        }
        """,
        "a reply on the same socket the data came from",
    ),
    Valid(
        """
        function log(entry) {
          entry.on('data', (line) => { entry.buffer.write(line); });
        }
        """,
        "not named for a socket: not taken to be a network stream",
    ),
    Valid(
        """
        function send(peer, chunk) {
          peer.socket.write(chunk);
        }
        """,
        "a single write, not repeated",
    ),
]


@pytest.mark.parametrize("case", SOCKET_PROPERTY_INVALID, ids=ids(SOCKET_PROPERTY_INVALID))
def test_socket_property_invalid(case):
    check_invalid(case, "LL006")


@pytest.mark.parametrize("case", SOCKET_PROPERTY_VALID, ids=ids(SOCKET_PROPERTY_VALID))
def test_socket_property_valid(case):
    check_valid(case, "LL006")


def test_socket_property_finding_is_medium():
    from tests.ruletest import run

    findings = run(SOCKET_PROPERTY_INVALID[0].code, "LL006")
    assert [f.confidence for f in findings] == ["medium"]


# -- c: pooled values from a same-file getter -------------------------------------------------------

POOLED_INVALID = [
    Invalid(
        """
        export class Client {
          async publish(stream) {
            const connection = await this.getConnection(stream);
            connection.on('metadata', (m) => this.refresh(stream, m));
            return connection.send(stream);
          }
          async getConnection(key) {
            return this.pool.get(key) ?? (await Connection.connect(key));
          }
        }
        """,
        ((4, 5),),
        "the getter hands out the pooled connection first: a listener per publish on the shared connection",
        lang="ts",
        message_contains="this.pool",
    ),
    Invalid(
        """
        class Store {
          async getConnection() {
            if (!this.connection) this.connection = await connect();
            return this.connection;
          }
          async watch(key) {
            const conn = await this.getConnection();
            conn.on('change', (c) => this.notify(key, c));
          }
        }
        """,
        ((8, 5),),
        "a lazily made connection kept in a field: every watch() adds a listener to the same one",
    ),
    Invalid(
        """
        const Pool = {
          entries: new Map(),
          pick(name) { return (this.entries.get(name) ?? [])[0]; },
        };
        export class Consumers {
          async declare(name) {
            const conn = await this.connectionFor(name);
            conn.on('closed', () => this.drop(name));
          }
          async connectionFor(name) {
            return Pool.pick(name) ?? (await open(name));
          }
        }
        """,
        ((8, 5),),
        "through a module object's getter that reads a pooled entry",
    ),
]

POOLED_VALID = [
    Valid(
        """
        class Store {
          async getConnection() {
            return await connect();
          }
          async watch(key) {
            const conn = await this.getConnection();
            conn.on('change', (c) => this.notify(key, c));
          }
        }
        """,
        "the getter makes a new connection per call",
    ),
    Valid(
        """
        class Store {
          async getConnection() {
            this.connection = await connect();
            return this.connection;
          }
          async watch(key) {
            const conn = await this.getConnection();
            conn.on('change', (c) => this.notify(key, c));
          }
        }
        """,
        "the field is set to a new connection just before it is returned",
    ),
    Valid(
        """
        import { pool } from './db';
        export class Jobs {
          async run(job) {
            const conn = await pool.getConnection();
            conn.on('error', (e) => this.fail(job, e));
          }
        }
        """,
        "a getter of another module: what it hands out is unknown here",
    ),
    Valid(
        """
        class Store {
          async getConnection() {
            if (!this.connection) this.connection = await connect();
            return this.connection;
          }
          async watch(key) {
            const conn = await this.getConnection();
            const onChange = (c) => this.notify(key, c);
            conn.on('change', onChange);
            return () => conn.off('change', onChange);
          }
        }
        """,
        "the listener is removed by the disposer the call returns",
    ),
]


@pytest.mark.parametrize("case", POOLED_INVALID, ids=ids(POOLED_INVALID))
def test_pooled_value_invalid(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", POOLED_VALID, ids=ids(POOLED_VALID))
def test_pooled_value_valid(case):
    check_valid(case, "LL002")


# -- d: Angular singletons across files, and component init hooks ---------------------------------

BASE_FILE = """
export class EventStore {
  private seen = new Map<string, any>();
  handleEvent(event: any) {
    this.seen.set(event.id, event);
  }
}
"""
SERVICE_FILE = """
import { Injectable } from '@angular/core';
import { EventStore } from '../store/event-store';

@Injectable({ providedIn: 'root' })
export class EventStoreService extends EventStore {}
"""


def _project_findings(tmp_path, files: dict[str, str]) -> list[dict]:
    from tests.ruletest import project_findings

    return [f for f in project_findings(tmp_path, files) if f["rule"] == "LL001"]


def test_base_of_a_root_singleton_has_long_lived_fields(tmp_path):
    findings = _project_findings(tmp_path, {"store/event-store.ts": BASE_FILE, "services/event-store.service.ts": SERVICE_FILE})
    assert [(f["path"], f["line"]) for f in findings] == [("store/event-store.ts", 3)]
    assert "DI singletons" in findings[0]["message"]


def test_base_alone_is_not_long_lived(tmp_path):
    assert _project_findings(tmp_path, {"store/event-store.ts": BASE_FILE}) == []


@pytest.mark.parametrize(
    "extra, why",
    [
        ({"panels/local.ts": "import { EventStore } from '../store/event-store';\n"
                             "export class PanelStore extends EventStore {}\n"},
         "another subclass that is not a singleton: instances of the base are made per use"),
        ({"panels/make.ts": "import { EventStore } from '../store/event-store';\n"
                            "export function make() { return new EventStore(); }\n"},
         "the base is also made directly, by code that may repeat"),
    ],
    ids=["other subclass", "made directly"],
)
def test_base_with_other_instances_is_not_long_lived(tmp_path, extra, why):
    files = {"store/event-store.ts": BASE_FILE, "services/event-store.service.ts": SERVICE_FILE, **extra}
    assert _project_findings(tmp_path, files) == [], why


ANGULAR_HOOKS = [
    # (code, method, frequency, handler kind)
    ("@Component({ selector: 'x' }) class A { ngOnInit() { go() } }", "ngOnInit", Frequency.PER_EVENT,
     HandlerKind.MOUNT),
    ("@Directive({ selector: '[x]' }) class A { ngAfterViewInit() { go() } }", "ngAfterViewInit",
     Frequency.PER_EVENT, HandlerKind.MOUNT),
    # not a component: a class's method, as before
    ("class A { ngOnInit() { go() } }", "ngOnInit", Frequency.REPEATED, None),
    # not an init hook
    ("@Component({ selector: 'x' }) class A { ngOnDestroy() { go() } }", "ngOnDestroy", Frequency.REPEATED, None),
]


@pytest.mark.parametrize("code, method, frequency, handler", ANGULAR_HOOKS, ids=[c[0][:50] for c in ANGULAR_HOOKS])
def test_angular_init_hooks(code, method, frequency, handler):
    model = _model(code, "ts")
    function = next(f for f in model.functions if f.method_name == method)
    fact = model.frequency(function)
    assert (fact.frequency, fact.handler, fact.evidence) == (frequency, handler, Evidence.CLASS), fact


# -- page elements through a helper and a field ------------------------------------------------------

PAGE_ELEMENT_INVALID = [
    Invalid(
        """
        export class Toolbar {
          constructor(onMute) {
            this.byId('mute').addEventListener('click', () => onMute());
          }
          byId(id) {
            const el = document.getElementById(id);
            if (el === null) throw new Error('missing ' + id);
            return el;
          }
        }
        """,
        ((3, 5),),
        "a helper returning the element its literal argument names, listened to per instance",
        message_contains="`mute`",
    ),
    Invalid(
        """
        export class MediaBar {
          camera: HTMLElement;
          constructor(cb: () => void) {
            this.camera = this.byId<HTMLElement>('camera');
            this.camera.addEventListener('click', () => cb());
          }
          private byId<T extends HTMLElement>(id: string): T {
            return document.getElementById(id) as T;
          }
        }
        """,
        ((5, 5),),
        "a field only ever given a fixed page element",
        lang="ts",
    ),
]

PAGE_ELEMENT_VALID = [
    Valid(
        """
        export class Toolbar {
          constructor(name, onMute) {
            this.byId(name).addEventListener('click', () => onMute());
          }
          byId(id) { return document.getElementById(id); }
        }
        """,
        "the id is not a literal: which element is unknown",
    ),
    Valid(
        """
        export class Toolbar {
          constructor(onMute) {
            this.make('button').addEventListener('click', () => onMute());
          }
          make(tag) { return document.createElement(tag); }
        }
        """,
        "the helper creates a new element per call",
    ),
    Valid(
        """
        export class Panel {
          constructor(cb) {
            this.root = document.getElementById('panel');
            this.root.addEventListener('click', () => cb());
          }
          reset() { this.root = document.createElement('div'); }
        }
        """,
        "the field is also given a new element: not always the page's",
    ),
    Valid(
        """
        class Toolbar {
          constructor(onMute) {
            this.byId('mute').addEventListener('click', () => onMute());
          }
          byId(id) { return document.getElementById(id); }
        }
        export const toolbar = new Toolbar(() => {});
        """,
        "one instance, made at module level: the constructor runs once",
    ),
]


@pytest.mark.parametrize("case", PAGE_ELEMENT_INVALID, ids=ids(PAGE_ELEMENT_INVALID))
def test_page_element_invalid(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", PAGE_ELEMENT_VALID, ids=ids(PAGE_ELEMENT_VALID))
def test_page_element_valid(case):
    check_valid(case, "LL002")
