"""LL003 captured-request: valid and invalid cases with exact positions."""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL003"

INVALID = [
    Invalid(
        """
        const queue = [];
        function scheduleReportEmail(id, send) { queue.push(send); }
        app.get('/report/:id', async (req, res) => {
          scheduleReportEmail(req.params.id, () => {
            sendEmailFor(req.params.id, req.user);
          });
          res.json({ scheduled: true });
        });
        """,
        at=((4, 38),),
        why="closure passed to a same-file helper that queues it (seed 003 pattern 2)",
        message_contains=(
            "closure captures `req` (parameter of the GET /report/:id route handler) and is passed to "
            "`scheduleReportEmail()`, which pushes it into module-level array `queue`"
        ),
    ),
    Invalid(
        """
        const pendingJobs = [];
        function scheduleFollowUp(delayMs, run) {
          pendingJobs.push({ dueAt: Date.now() + delayMs, run });
        }
        const server = http.createServer(async (req, res) => {
          scheduleFollowUp(60000, () => sendReceipt(req.headers['x-id'], req.body.length));
          res.end('accepted');
        });
        """,
        at=((6, 27),),
        why="helper stores the callback inside an object literal",
    ),
    Invalid(
        """
        const jobs = [];
        app.post('/upload', (req, res) => {
          jobs.push(() => process(req.body));
          res.status(202).end();
        });
        """,
        at=((3, 13),),
        why="pushed straight into a module-level array",
        message_contains="is pushed into module-level array `jobs`",
    ),
    Invalid(
        """
        const jobs = [];
        app.post('/upload', (req, res) => {
          const request = req;
          jobs.push(() => process(request.body));
          res.end();
        });
        """,
        at=((4, 13),),
        why="captures an alias of req",
        message_contains="captures `request` (an alias of `req`",
    ),
    Invalid(
        """
        const pending = new Map();
        app.post('/jobs', (req, res) => {
          pending.set(req.body.id, () => audit(req.user));
          res.end();
        });
        """,
        at=((3, 28),),
        why="set into a module-level Map under a computed key",
        message_contains="is set in module-level Map `pending`",
    ),
    Invalid(
        """
        const callbacks = {};
        app.get('/cb/:id', (req, res) => {
          callbacks[req.params.id] = function () { return req.query; };
          res.end();
        });
        """,
        at=((3, 30),),
        why="stored under a computed key of a module-level object",
        message_contains="is stored in module-level object `callbacks`",
    ),
    Invalid(
        """
        const tasks = new Set();
        app.use((req, res, next) => {
          tasks.add(() => log(req.url));
          next();
        });
        """,
        at=((3, 13),),
        why="added to a module-level Set from middleware",
    ),
    Invalid(
        """
        const waiters = new Map();
        app.get('/wait/:key', (req, res) => {
          waiters.get(req.params.key).push(() => track(req.ip));
          res.end();
        });
        """,
        at=((3, 36),),
        why="pushed into an entry of a module-level Map",
        message_contains="an entry of module-level binding `waiters`",
    ),
    Invalid(
        """
        const queue = [];
        app.post('/upload', (req, res) => {
          function job() { return store(req.body); }
          queue.push(job);
          res.end();
        });
        """,
        at=((3, 3),),
        why="a function declaration inside the handler, pushed by name",
    ),
    Invalid(
        """
        const queue = [];
        app.post('/upload', (req, res) => {
          req.on('end', () => {
            queue.push(() => store(req.body));
            res.end();
          });
        });
        """,
        at=((4, 16),),
        why="created in a callback nested in the handler",
    ),
    Invalid(
        """
        const jobs = [];
        app.use(async (ctx, next) => {
          jobs.push(() => track(ctx.path, ctx.state.user));
          await next();
        });
        """,
        at=((3, 13),),
        why="Koa middleware context",
        message_contains="captures `ctx`",
    ),
    Invalid(
        """
        const audits = [];
        fastify.get('/items', async (request, reply) => {
          audits.push(() => save(request.user, request.query));
          return { ok: true };
        });
        """,
        at=((3, 15),),
        why="fastify request",
    ),
    Invalid(
        """
        const seen = new Set();
        io.on('connection', (socket) => {
          seen.add(() => audit(socket.handshake));
        });
        """,
        at=((3, 12),),
        why="per-connection socket.io handler",
        message_contains="every connection's `socket`",
    ),
    Invalid(
        """
        class Scheduler {
          constructor() { this.jobs = []; }
          schedule(job) { this.jobs.push(job); }
          handle(req, res) { this.schedule(() => send(req.user)); res.end(); }
        }
        module.exports = new Scheduler();
        """,
        at=((4, 36),),
        why="passed to a method of the same class that stores it on a singleton",
    ),
    Invalid(
        """
        import { Controller, Post, Req } from '@nestjs/common';
        import type { Request } from 'express';

        @Controller('exports')
        export class ExportsController {
          private readonly jobs: Array<() => Promise<void>> = [];

          @Post()
          start(@Req() req: Request) {
            this.jobs.push(async () => { await buildExport(req.user); });
            return { queued: true };
          }
        }
        """,
        at=((10, 20),),
        why="NestJS controller with @Req()",
        lang="ts",
        message_contains="`ExportsController.start()`",
    ),
    Invalid(
        """
        import { createServer, IncomingMessage, ServerResponse } from 'node:http';
        const backlog: Array<() => void> = [];
        createServer((incoming: IncomingMessage, out: ServerResponse) => {
          backlog.push(() => record(incoming.headers));
          out.end();
        });
        """,
        at=((4, 16),),
        why="TypeScript parameter recognised by its type, not its name",
        lang="ts",
    ),
    Invalid(
        """
        const queue: Array<() => void> = [];
        function later(fn: () => void): void { queue.push(fn); }
        app.get('/x', (req: Request, res: Response) => {
          later(() => console.log(req.url));
          res.send('ok');
        });
        """,
        at=((4, 9),),
        why="TypeScript route with a typed helper",
        lang="ts",
    ),
]

VALID = [
    Valid(
        """
        const queue = [];
        function scheduleReportEmail(id, send) { queue.push(send); }
        app.get('/report/:id', async (req, res) => {
          const id = req.params.id;
          const userId = req.user.id;
          scheduleReportEmail(id, () => sendEmailFor(id, userId));
          res.json({ scheduled: true });
        });
        """,
        why="captures only values extracted before the closure (seed 003 fix)",
    ),
    Valid(
        """
        const queue = [];
        function enqueue(task) { return new Promise((resolve) => queue.push({ task, resolve })); }
        app.post('/resize', async (req, res) => {
          const image = await enqueue(() => resize(req.body));
          res.send(image);
        });
        """,
        why="the handler awaits the helper that queues the callback",
    ),
    Valid(
        """
        const queue = [];
        function enqueue(task) { queue.push(task); return done; }
        app.post('/resize', (req, res) => {
          enqueue(() => resize(req.body)).then((image) => res.send(image));
        });
        """,
        why="the handler chains .then on the helper's promise",
    ),
    Valid(
        """
        app.get('/users', async (req, res) => {
          const rows = await db.find(req.query);
          const visible = rows.filter((row) => canSee(req.user, row));
          rows.forEach((row) => audit(req.user, row));
          const names = rows.map((row) => row.name + req.query.suffix);
          res.json({ visible, names });
        });
        """,
        why="array methods consume the callback during the request",
    ),
    Valid(
        """
        app.get('/x', (req, res) => {
          db.load(req.query).then((data) => res.json({ data, url: req.url }));
        });
        """,
        why=".then callback",
    ),
    Valid(
        """
        app.get('/x', (req, res) => {
          res.on('finish', () => log(req.method, req.url, res.statusCode));
          res.end();
        });
        """,
        why="listener on the response itself",
    ),
    Valid(
        """
        const bus = require('./bus');
        app.get('/x', (req, res) => {
          bus.on('update', () => notify(req.user));
          res.end();
        });
        """,
        why="listener registration on a long-lived emitter is LL002's subject",
    ),
    Valid(
        """
        app.get('/x', (req, res) => {
          setTimeout(() => log(req.url), 1000);
          setImmediate(() => log(req.url));
          process.nextTick(() => log(req.url));
          res.end();
        });
        """,
        why="one-shot timers and ticks",
    ),
    Valid(
        """
        const waiting = [];
        app.get('/poll', (req, res) => {
          waiting.push((message) => res.json(message));
        });
        export function publish(m) { for (const send of waiting.splice(0)) send(m); }
        """,
        why="the closure answers the request (long polling)",
    ),
    Valid(
        """
        const queue = [];
        fastify.get('/x', (request, reply) => {
          queue.push(() => reply.code(200).send(request.query));
        });
        """,
        why="the closure answers through a chained reply call",
    ),
    Valid(
        """
        const waiting = [];
        app.use(async (ctx) => {
          await new Promise((resolve) => waiting.push(() => { ctx.body = 'done'; resolve(); }));
        });
        """,
        why="the closure sets ctx.body and settles a promise the middleware awaits",
    ),
    Valid(
        """
        const waiters = [];
        app.get('/slot', async (req, res) => {
          const user = await new Promise((resolve) => waiters.push(() => resolve(req.user)));
          res.json(user);
        });
        """,
        why="the closure settles a promise the handler awaits",
    ),
    Valid(
        """
        let last = null;
        const registry = new Map();
        app.get('/x', (req, res) => {
          last = () => req.url;
          app.locals.latest = () => req.url;
          registry.set('latest', () => req.url);
          res.end();
        });
        """,
        why="one slot overwritten by every request keeps one request, not all",
    ),
    Valid(
        """
        const timers = new WeakMap();
        app.use((req, res, next) => {
          timers.set(req, () => Date.now() - req.startedAt);
          next();
        });
        """,
        why="WeakMap entries die with their key",
    ),
    Valid(
        """
        app.use((req, res, next) => {
          req.later = [];
          req.later.push(() => cleanup(req));
          res.locals.render = () => req.url;
          next();
        });
        """,
        why="stored on request-scoped objects",
    ),
    Valid(
        """
        const queue = [];
        queue.push(() => console.log('boot'));
        function helper(req) { queue.push(() => req.x); }
        """,
        why="no request handler around the closure",
    ),
    Valid(
        """
        const queue = [];
        app.post('/x', ({ body }, res) => {
          queue.push(() => save(body));
          res.end();
        });
        """,
        why="a destructured parameter holds a value, not the request",
    ),
    Valid(
        """
        const queue = [];
        app.get('/x', (req, res, next) => {
          queue.push(() => next());
        });
        """,
        why="next is not a request object",
    ),
    Valid(
        """
        const scheduler = require('./scheduler');
        app.get('/x', (req, res) => {
          scheduler.schedule(() => report(req.user));
          res.end();
        });
        """,
        why="a function from another module is not followed",
    ),
    Valid(
        """
        function run(cb) { cb(); }
        function later(cb) { const local = []; local.push(cb); local.forEach((f) => f()); }
        app.get('/x', (req, res) => {
          run(() => report(req.user));
          later(() => report(req.user));
          res.end();
        });
        """,
        why="same-file helpers that call or locally keep the callback",
    ),
    Valid(
        """
        class Job {
          constructor() { this.steps = []; }
          add(step) { this.steps.push(step); }
        }
        app.get('/x', (req, res) => {
          const job = new Job();
          job.add(() => report(req.user));
          job.steps.forEach((s) => s());
          res.end();
        });
        """,
        why="stored on an object made for this request",
    ),
    Valid(
        """
        import { Controller, Get, Param } from '@nestjs/common';

        @Controller('items')
        export class ItemsController {
          private readonly jobs: Array<() => void> = [];

          @Get(':id')
          find(@Param('id') id: string) {
            this.jobs.push(() => this.refresh(id));
          }

          refresh(id: string) {}
        }
        """,
        why="a decorator-injected parameter that is not the request",
        lang="ts",
    ),
    Valid(
        """
        const subscribers = new Set();
        let watchers = [];
        wss.on('connection', (ws) => {
          const notify = (message) => log(ws.id, message);
          subscribers.add(notify);
          watchers.push(notify);
          ws.on('close', () => {
            subscribers.delete(notify);
            watchers = watchers.filter((w) => w !== notify);
          });
        });
        """,
        why="the handler removes the closure again when the connection closes",
    ),
    Valid(
        """
        const pending = {};
        app.get('/x', (req, res) => {
          pending[req.url] = () => log(req.url);
          res.on('finish', () => { delete pending[req.url]; });
        });
        """,
        why="the entry is deleted when the response finishes",
    ),
    Valid(
        """
        const hooks = require('./hooks');
        const jobs = require('./jobs');
        app.get('/x', (req, res) => {
          hooks.add('onSend', () => audit(req.user));
          hooks.set(req.url, () => audit(req.user));
          jobs.push(() => audit(req.user));
          res.end();
        });
        """,
        why="methods named add/set/push on an imported module are its API, not a collection",
    ),
    Valid(
        """
        const queue = [];
        app.post('/x', (req, res) => {
          const job = { run: () => save(req.body) };
          job.run();
          res.end();
        });
        """,
        why="held in a local object that is only used during the request",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_related_shows_binding_use_store_target_and_registration():
    findings = run(
        """
        const queue = [];
        function scheduleReportEmail(id, send) { queue.push(send); }
        app.get('/report/:id', (req, res) => {
          scheduleReportEmail(req.params.id, () => sendEmailFor(req.user));
          res.end();
        });
        """,
        RULE,
    )
    related = [(r.span.line, r.span.column, r.message) for r in findings[0].related]
    assert related[0][:2] == (3, 25) and "`req` is request-scoped" in related[0][2]
    assert related[1][:2] == (4, 57) and "uses `req`" in related[1][2]
    assert related[2][:2] == (4, 3) and "passed here" in related[2][2]
    assert related[3][:2] == (2, 42) and "pushed into module-level array `queue`" in related[3][2]
    assert related[4][:2] == (1, 7) and "long-lived" in related[4][2]
    assert related[5][:2] == (3, 1) and "GET /report/:id route handler" in related[5][2]


def test_closure_pushed_into_a_never_emptied_array_is_also_ll001():
    code = """
        const jobs = [];
        app.post('/upload', (req, res) => {
          jobs.push(() => process(req.body));
          res.end();
        });
        """
    assert [(f.line, f.column) for f in run(code, "LL001")] == [(1, 7)]
    assert [(f.line, f.column) for f in run(code, RULE)] == [(3, 13)]


# -- issue 7 item 8: the request objects themselves stored past the request -----------------------

STORE_INVALID = [
    Invalid(
        """
        const clients = [];
        app.get('/events', (req, res) => {
          clients.push({ req, res });
        });
        """,
        at=((3, 3),),
        why="request and response pushed into a module-level array, never removed on 'close'",
        message_contains="nothing removes it when the request closes",
    ),
    Invalid(
        """
        const waiters = new Map();
        app.get('/wait/:id', (req, res) => {
          waiters.set(req.params.id, res);
        });
        export function wake(id, value) { waiters.get(id).json(value); }
        """,
        at=((3, 3),),
        why="a long-poll registry answered elsewhere but never cleared when the client goes away",
    ),
    Invalid(
        """
        function SessionStore(io) {
          const byId = {};
          io.on('connection', function (client) {
            byId[client.id] = client;
          });
        }
        module.exports = SessionStore;
        """,
        at=((4, 5),),
        why="a connection (any parameter name) indexed in a binding declared outside the handler (deployd #697)",
    ),
    Invalid(
        """
        function Server(io) {
          this.sockets = {};
          io.on('connection', (socket) => {
            socket.on('hello', this.onHello.bind(this, socket));
          });
        }
        Server.prototype.onHello = function (socket, id) {
          this.sockets[id] = socket;
        };
        module.exports = Server;
        """,
        at=((8, 3),),
        why="a socket bound into a method's parameter and kept in an instance field (simple-signal #28)",
    ),
    Invalid(
        """
        function Engine() {
          this.pending = {};
          setInterval(() => {
            for (const id in this.pending) if (this.pending[id].finished) delete this.pending[id];
          }, 5000);
        }
        Engine.prototype.track = function (req, res, next) {
          this.pending[Math.random()] = res;
          next();
        };
        module.exports = Engine;
        """,
        at=((8, 3),),
        why="a sweep on `finished` misses responses whose socket died (storj bridge #365)",
    ),
    Invalid(
        """
        const clients = [];
        app.get('/events', (req, res) => {
          clients.push((data) => res.write(`data: ${data}\\n\\n`));
        });
        """,
        at=((3, 16),),
        why="a closure that keeps writing to res is a subscriber, not a one-time reply",
        message_contains="it writes to `res` on every call",
    ),
    Invalid(
        """
        function Hub() {
          this.clients = [];
        }
        Hub.prototype.attach = function (req, res) {
          const client = { req, res };
          this.clients.push(client);
          req.on('close', () => { this.clients.splice(this.clients.indexOf(client), 0); });
        };
        module.exports = Hub;
        """,
        at=((6, 3),),
        why="splice(i, 0) on close deletes nothing (space-tweet #1)",
    ),
]

STORE_VALID = [
    Valid(
        """
        const clients = [];
        app.get('/events', (req, res) => {
          const client = { req, res };
          clients.push(client);
          req.on('close', () => { clients.splice(clients.indexOf(client), 1); });
        });
        """,
        why="removed in the request's 'close' listener",
    ),
    Valid(
        """
        const sockets = new Set();
        wss.on('connection', (ws) => {
          sockets.add(ws);
          ws.on('close', onClose.bind(null, ws));
        });
        function onClose(ws) { forget(ws); }
        function forget(ws) { sockets.delete(ws); }
        """,
        why="removed by a function that the 'close' listener calls",
    ),
    Valid(
        """
        const byId = {};
        export function connect(socket) { byId[socket.id] = socket; }
        export function removeSocket(id) { delete byId[id]; }
        """,
        why="removed by a function named for cleaning up (its caller may be in another file)",
    ),
    Valid(
        """
        function Engine() {
          const self = this;
          this.pending = {};
          setInterval(() => {
            for (const id in self.pending) if (self.pending[id].socket.destroyed) delete self.pending[id];
          }, 5000);
        }
        Engine.prototype.track = function (req, res, next) {
          this.pending[Math.random()] = { socket: req.socket, res };
          next();
        };
        module.exports = Engine;
        """,
        why="a sweep that drops entries whose socket is destroyed (through `self = this`)",
    ),
    Valid(
        """
        app.get('/x', (req, res) => {
          const seen = [];
          seen.push(res);
          res.end(String(seen.length));
        });
        """,
        why="a collection made inside the handler dies with the request",
    ),
    Valid(
        """
        let last = null;
        app.get('/x', (req, res) => {
          last = res;
          res.end();
        });
        """,
        why="one slot overwritten by every request keeps one response, not all",
    ),
    Valid(
        """
        const owners = new WeakMap();
        app.get('/x', (req, res) => {
          owners.set(req, res);
          res.end();
        });
        """,
        why="a WeakMap entry dies with its key",
    ),
    Valid(
        """
        const clients = new Set();
        app.get('/events', (req, res) => {
          const push = (data) => res.write(`data: ${data}\\n\\n`);
          clients.add(push);
          req.on('close', () => clients.delete(push));
        });
        """,
        why="a writing subscriber removed when the request closes",
    ),
]


@pytest.mark.parametrize("case", STORE_INVALID, ids=ids(STORE_INVALID))
def test_store_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", STORE_VALID, ids=ids(STORE_VALID))
def test_store_valid(case):
    check_valid(case, RULE)


# A `delete` under another property of the object the lookup's key came from removes a key that was
# never set (model/eviction_reach.deleted_under_other_key); the same key, or a plain local key, still removes.
WRONG_KEY_INVALID = [
    Invalid(
        """
        const connections = {};
        io.on('connection', (socket) => {
          socket.on('register', (userId) => {
            socket.userId = userId;
            connections[userId] = socket;
          });
          socket.on('disconnect', () => {
            var userId = socket.userId;
            if (connections[userId]) delete connections[socket.connectionId];
          });
        });
        """,
        at=((5, 5),),
        why="the lookup's key is socket.userId (through a local), the delete's socket.connectionId",
    ),
    Invalid(
        """
        const connections = {};
        io.on('connection', (socket) => {
          connections[socket.id] = socket;
          socket.on('disconnect', () => {
            if (connections[socket.id]) delete connections[socket.sid];
          });
        });
        """,
        at=((3, 3),),
        why="looked up under socket.id, deleted under socket.sid",
    ),
]

WRONG_KEY_VALID = [
    Valid(
        """
        const connections = {};
        io.on('connection', (socket) => {
          connections[socket.id] = socket;
          socket.on('disconnect', () => {
            if (connections[socket.id]) delete connections[socket.id];
          });
        });
        """,
        why="removed on 'disconnect' under the same key it was looked up with",
    ),
    Valid(
        """
        const connections = {};
        io.on('connection', (socket) => {
          socket.on('register', (userId) => {
            socket.userId = userId;
            connections[userId] = socket;
          });
          socket.on('disconnect', () => {
            var userId = socket.userId;
            if (connections[userId]) delete connections[socket.userId];
          });
        });
        """,
        why="the local and the deleted key are the same property of the socket",
    ),
    Valid(
        """
        const pending = {};
        app.get('/x', (req, res) => {
          const id = nextId();
          pending[id] = res;
          req.on('close', () => { if (pending[req.token]) delete pending[id]; });
        });
        """,
        why="a delete under a plain local is no mismatch, even after a lookup under a member",
    ),
]


@pytest.mark.parametrize("case", WRONG_KEY_INVALID, ids=ids(WRONG_KEY_INVALID))
def test_wrong_key_delete_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", WRONG_KEY_VALID, ids=ids(WRONG_KEY_VALID))
def test_wrong_key_delete_valid(case):
    check_valid(case, RULE)
