"""LL002 unremoved-listener: valid and invalid cases with exact positions."""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL002"

INVALID = [
    Invalid(
        """
        const { Adapter } = require('./redis');
        class AccessExtension {
          onConfigure() {
            const subscriber = Adapter.subscriber;
            subscriber.on('message', this.handleMessage);
          }
          onDestroy() {
            const other = Adapter.other;
            other.off('message', this.handleMessage);
          }
        }
        module.exports = AccessExtension;
        """,
        at=((5, 5),),
        why="the removal is on another property's emitter: the one the listener was added to keeps it",
    ),
    Invalid(
        """
        const db = require('db-driver');
        let link = db.createConnection({ port: 3306 });
        process.on('message', (msg) => {
          if (msg.reset) link = db.createConnection({ port: msg.port });
          link.on('connect', () => process.send('ready'));
        });
        """,
        at=((5, 3),),
        why="a module let set only under a condition: the listener may go on the long-lived one",
    ),
    Invalid(
        """
        app.get('/watch', (req, res) => {
          const stop = window.addEventListener('message', (e) => res.write(e.data));
          req.on('close', () => stop && stop());
        });
        """,
        at=((2, 16),),
        why="addEventListener() returns undefined: keeping its result disposes nothing",
    ),
    Invalid(
        """
        const globalTracker = require('./tracker');
        app.get('/api/users/:id', (req, res) => {
          const userId = req.params.id;
          const onUserUpdated = (data) => { if (data.id === userId) console.log(userId); };
          globalTracker.on('user-update', onUserUpdated);
          res.json({ id: userId });
        });
        """,
        at=((5, 3),),
        why="listener on a required singleton from a route handler (seed 000)",
        message_contains="in the GET /api/users/:id route handler on every request and never removed",
    ),
    Invalid(
        """
        const { EventEmitter } = require('events');
        const emitter = new EventEmitter();
        app.get('/subscribe', (req, res) => {
          emitter.on('data', (data) => res.write(data));
        });
        """,
        at=((4, 3),),
        why="inline listener on a module-level emitter",
    ),
    Invalid(
        """
        http.createServer((req, res) => {
          process.on('exit', () => res.end());
        });
        """,
        at=((2, 3),),
        why="listener on process per request",
    ),
    Invalid(
        """
        export class Chart {
          mount(el) {
            window.addEventListener('resize', () => this.redraw(el));
          }
          redraw(el) {}
        }
        """,
        at=((3, 5),),
        why="addEventListener on window from a class method, never removed",
        message_contains="in `Chart.mount()` each time it is called",
    ),
    Invalid(
        """
        import bus from './bus';
        app.get('/events', (req, res) => {
          const handler = (m) => res.write(m);
          bus.on('message', handler);
          req.on('close', () => bus.off('message', (m) => res.write(m)));
        });
        """,
        at=((4, 3),),
        why="removal with a new inline function never matches",
        message_contains="never matches",
    ),
    Invalid(
        """
        import bus from './bus';
        export class Poller {
          start() { bus.on('tick', this.onTick.bind(this)); }
          stop() { bus.off('tick', this.onTick.bind(this)); }
          onTick() {}
        }
        """,
        at=((3, 13),),
        why="registration and removal both use .bind(): two different functions",
    ),
    Invalid(
        """
        const emitter = require('./emitter');
        io.on('connection', (socket) => {
          emitter.addListener('broadcast', (m) => socket.emit('m', m));
          emitter.prependListener('urgent', (m) => socket.emit('u', m));
        });
        """,
        at=((3, 3), (4, 3)),
        why="addListener and prependListener per connection",
        message_contains="on every connection",
    ),
    Invalid(
        """
        import { EventEmitter } from 'node:events';
        const bus = new EventEmitter();
        async function handle(request: Request): Promise<void> {
          bus.on('done', () => console.log(request.url));
        }
        fastify.post('/jobs', async (request, reply) => { await handle(request); return 'ok'; });
        """,
        at=((4, 3),),
        why="TypeScript: function called from a fastify route",
        lang="ts",
    ),
    Invalid(
        """
        const { EventEmitter } = require('node:events');
        const bus = new EventEmitter();
        app.get('/feed', (req, res) => {
          const controller = new AbortController();
          bus.on('tick', (t) => res.write(String(t)), { signal: controller.signal });
          req.on('close', () => controller.abort());
        });
        """,
        at=((5, 3),),
        why="EventEmitter.on() ignores { signal }: the abort removes nothing (the seed 003 idiom)",
        message_contains="EventEmitter.on() takes no options",
    ),
    Invalid(
        """
        import EventEmitter from 'events';
        const bus = new EventEmitter();
        export class Feed {
          open(signal) { bus.addListener('tick', this.onTick, { signal }); }
          onTick() {}
        }
        """,
        at=((4, 18),),
        why="the default import of 'events' is the EventEmitter class too",
        message_contains="takes no options",
    ),
]

VALID = [
    Valid(
        """
        const { Adapter } = require('./redis');
        class AccessExtension {
          async onConfigure() {
            if (this.subscribed) return;
            this.subscribed = true;
            const subscriber = Adapter.subscriber;
            subscriber.on('message', this.handleMessage);
          }
          async onDestroy() {
            const subscriber = Adapter.subscriber;
            subscriber.off('message', this.handleMessage);
            this.subscribed = false;
          }
        }
        module.exports = AccessExtension;
        """,
        why="a local const holding the same property in both methods names one receiver: the removal matches",
    ),
    Valid(
        """
        const db = require('db-driver');
        let link = null;
        process.on('message', (msg) => {
          link = db.createConnection({ port: msg.port });
          link.on('connect', () => process.send('ready'));
        });
        """,
        why="a module let set to a new connection just before .on(): the emitter is per call, not long-lived",
    ),
    Valid(
        """
        const util = require('./util');
        app.get('/u', (req, res) => {
          util.addListener(req.socket, 'error', (err) => res.destroy(err));
        });
        """,
        why="a helper that takes the target first (undici's util.addListener): the string is the event, not a listener",
    ),
    Valid(
        """
        const tracker = require('./tracker');
        app.get('/u/:id', (req, res) => {
          const onUpdate = (d) => {};
          tracker.on('user-update', onUpdate);
          res.on('finish', () => tracker.off('user-update', onUpdate));
        });
        """,
        why="removed with the same function reference on finish",
    ),
    Valid(
        """
        const tracker = require('./tracker');
        app.get('/u/:id', (req, res) => {
          function onUpdate() { tracker.removeListener('user-update', onUpdate); }
          tracker.addListener('user-update', onUpdate);
        });
        """,
        why="removes itself with removeListener",
    ),
    Valid(
        """
        const tracker = require('./tracker');
        app.get('/u/:id', (req, res) => { tracker.once('ready', () => res.end()); });
        """,
        why=".once removes itself",
    ),
    Valid(
        """
        app.get('/u', (req, res) => {
          window.addEventListener('message', (e) => res.write(e.data), { once: true });
        });
        """,
        why="{ once: true }",
    ),
    Valid(
        """
        const target = new EventTarget();
        app.get('/u', (req, res) => {
          const controller = new AbortController();
          target.addEventListener('message', (e) => res.write(e.data), { signal: controller.signal });
          req.on('close', () => controller.abort());
        });
        """,
        why="{ signal } removes it when aborted",
    ),
    Valid(
        """
        import { bus } from './bus';
        app.get('/feed', (req, res) => {
          const controller = new AbortController();
          bus.on('tick', (t) => res.write(String(t)), { signal: controller.signal });
          req.on('close', () => controller.abort());
        });
        """,
        why="{ signal } on an emitter of unknown kind: some libraries honour it, so trust it",
    ),
    Valid(
        """
        app.post('/upload', (req, res) => {
          req.on('data', (chunk) => res.write(chunk));
          req.on('end', () => res.end());
          res.on('close', () => {});
        });
        """,
        why="listeners on request-scoped objects",
    ),
    Valid(
        """
        const server = net.createServer((socket) => {
          socket.on('data', (d) => socket.write(d));
        });
        """,
        why="listener on the connection's own socket",
    ),
    Valid(
        """
        process.on('SIGTERM', () => server.close());
        window.addEventListener('load', init);
        """,
        why="registrations at module top level",
    ),
    Valid(
        """
        const bus = require('./bus');
        export function track() {
          const local = new EventEmitter();
          local.on('x', () => {});
        }
        """,
        why="emitter created in the same call",
    ),
    Valid(
        """
        const bus = require('./bus');
        export function listen() {
          bus.removeAllListeners('tick');
          bus.on('tick', () => {});
        }
        """,
        why="removeAllListeners for the same event",
    ),
    Valid(
        """
        const bus = require('./bus');
        export class Subscriber {
          constructor() { this.onTick = this.onTick.bind(this); }
          start() { bus.on('tick', this.onTick); }
          stop() { bus.off('tick', this.onTick); }
          onTick() {}
        }
        """,
        why="bound once in the constructor and removed in stop()",
    ),
    Valid(
        """
        const store = require('./store');
        export function useStore(cb) {
          const unsubscribe = store.on('change', cb);
          return unsubscribe;
        }
        """,
        why="the disposer returned by .on() is kept",
    ),
    Valid(
        """
        export function register() {
          window.addEventListener('load', () => navigator.serviceWorker.register('/sw.js'));
        }
        """,
        why="exported set-up function: how often it runs is decided in other files",
    ),
    Valid(
        """
        import { socket } from './socket';
        export function App() {
          useEffect(() => {
            socket.on('connect', onConnect);
            return () => { socket.off('connect'); };
          }, []);
        }
        """,
        why="off(event) with no function removes every listener of the event (socket.io, mitt)",
    ),
    Valid(
        """
        import { socket } from './socket';
        socket.on('connect', () => {
          socket.io.engine.on('upgrade', (transport) => console.log(transport.name));
        });
        """,
        why="a property of a property is often replaced (a new engine per reconnect): lifetime unknown",
    ),
    Valid(
        """
        it('removeEventListener ignores unknown functions', () => {
          const ws = new WebSocket('ws://localhost');
          ws.removeEventListener('message', () => {});
        });
        """,
        why="an ineffective removal on a short-lived emitter leaks nothing",
    ),
    Valid(
        """
        export function attach(emitter) {
          emitter.on('x', () => {});
        }
        """,
        why="receiver of unknown lifetime (a parameter)",
    ),
    Valid(
        """
        const bus = require('./bus');
        function setup() { bus.on('tick', () => {}); }
        setup();
        """,
        why="registered from a function that runs once at start-up",
    ),
    Valid(
        """
        import { Injectable, OnModuleInit, OnModuleDestroy } from '@nestjs/common';
        import { bus } from './bus';
        @Injectable()
        export class Listener implements OnModuleInit, OnModuleDestroy {
          private readonly onEvent = (e: unknown) => this.handle(e);
          onModuleInit() { bus.on('event', this.onEvent); }
          onModuleDestroy() { bus.off('event', this.onEvent); }
          handle(e: unknown) {}
        }
        """,
        why="NestJS lifecycle: removed in onModuleDestroy",
        lang="ts",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_removal_that_can_never_match_is_reported_alone():
    findings = run(
        """
        process.on('SIGINT', shutdown);
        export function reset() {
          process.removeListener('SIGINT', shutdown.bind(null));
        }
        """,
        RULE,
    )
    assert [(f.line, f.column) for f in findings] == [(3, 3)]
    assert "removes nothing" in findings[0].message


def test_related_names_the_handler_and_the_receiver():
    findings = run(
        """
        const tracker = require('./tracker');
        app.get('/x', (req, res) => { tracker.on('e', () => {}); });
        """,
        RULE,
    )
    related = [(r.span.line, r.message) for r in findings[0].related]
    assert related[0][0] == 2 and "GET /x route handler" in related[0][1]
    assert related[1][0] == 1 and "module-level binding `tracker`" in related[1][1]


_RECORD = """
export function Board() {
  const onUpFrom = (state) => () => {
    window.removeEventListener("pointermove", %REMOVED%);
  };
  const onMoveFrom = (state) => (e) => { state.x = e.clientX; };
  return (
    <div
      onPointerDown={(event) => {
        const state = { x: event.clientX, listeners: {} };
        const onMove = onMoveFrom(state);
        window.addEventListener("pointermove", onMove);
        window.addEventListener("pointerup", onUpFrom(state), { once: true });
        %STORED% = onMove;
      }}
    />
  );
}
"""


@pytest.mark.parametrize(
    "stored, removed, reported",
    [
        # the handler the record is handed to reads the function back from where it was kept
        ("state.listeners.onMove", "state.listeners.onMove", False),
        ("state.onMove", "state.onMove", False),
        ("state.listeners.onMove", "state.listeners.onUp", True),  # another property: another function
        ("state.listeners.onMove", "state.onMove", True),  # another path
        ("state.listeners[key]", "state.listeners[key]", True),  # a computed key is not followed
    ],
)
def test_removal_through_the_record_the_listener_is_kept_in(stored, removed, reported):
    code = _RECORD.replace("%STORED%", stored).replace("%REMOVED%", removed)
    findings = [f for f in run(code, RULE) if f.line == 11]
    assert bool(findings) is reported, [f.message for f in findings]


_CURRENT_CLIENT = """
const WebSocket = require('ws');
const bus = require('./bus');
let current = null;
const server = new WebSocket.Server({ port: 3900 });
server.on('connection', (ws, req) => {
  %BODY%
});
function attach() {
  current.on('message', (m) => console.log(m));
}
"""


@pytest.mark.parametrize(
    "body, reported",
    [
        # the module binding holds this connection's socket when the listener is added
        ("current = ws;\n  current.on('message', (m) => console.log(m));", False),
        # a new value per call gets each listener of its own (an older fact than this one)
        ("current = new Worker(req.url);\n  current.on('message', (m) => console.log(m));", False),
        ("current.on('message', (m) => console.log(m));\n  current = ws;", True),  # set after: the old one
        ("if (req.url === '/a') { current = ws; }\n  current.on('message', (m) => console.log(m));", True),
        ("current = bus;\n  current.on('message', (m) => console.log(m));", True),  # a long-lived value
        ("current = ws;\n  attach();", True),  # the registration is in another function, which sees whatever is there
    ],
)
def test_a_module_binding_just_set_to_the_connection_holds_that_connection(body, reported):
    findings = run(_CURRENT_CLIENT.replace("%BODY%", body), RULE)
    assert bool(findings) is reported, [f.message for f in findings]
