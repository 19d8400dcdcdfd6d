"""LL001 unbounded-collection: valid and invalid cases with exact positions."""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL001"

INVALID = [
    Invalid(
        """
        const waiting = new Map();
        function cancel(id, fn) {
          if (fn) {
            waiting.set(id, (waiting.get(id) || []).filter((f) => f !== fn));
          }
        }
        process.on('message', (msg) => cancel(msg.id, msg.fn));
        """,
        at=((1, 7),),
        why="set under a condition that is not has() of the same key can add one",
    ),
    Invalid(
        """
        const cache = new Map();
        async function getUser(id) {
          if (cache.has(id)) return cache.get(id);
          const user = await db.find(id);
          cache.set(id, user);
          return user;
        }
        app.get('/users/:id', async (req, res) => res.json(await getUser(req.params.id)));
        """,
        at=((1, 7),),
        why="Map cache filled from a function called by a route handler (seed 003 pattern 1)",
        message_contains="module-level Map `cache` grows in `getUser()` on every request",
    ),
    Invalid(
        """
        class UserRepository {
          async find(id) {
            const user = await db.find(id);
            cache.set(id, user);
            return user;
          }
        }
        const cache = new Map();
        """,
        at=((8, 7),),
        why="grown from a method of a class with many instances",
        message_contains="each time it is called",
    ),
    Invalid(
        """
        const events = [];
        process.on('message', (event) => { events.push(event); });
        """,
        at=((1, 7),),
        why="push-only array in an event handler",
    ),
    Invalid(
        """
        const seen = new Set();
        const server = http.createServer((req, res) => {
          seen.add(req.url);
          res.end();
        });
        """,
        at=((1, 7),),
        why="Set grown per request",
    ),
    Invalid(
        """
        const sessions = {};
        app.post('/login', (req, res) => {
          sessions[req.body.user] = { at: Date.now() };
          res.end();
        });
        """,
        at=((1, 7),),
        why="plain object used as a dictionary",
    ),
    Invalid(
        """
        const byId = Object.create(null);
        function track(id, value) { byId[id] = value; }
        wss.on('connection', (ws, req) => track(req.url, ws));
        """,
        at=((1, 7),),
        why="Object.create(null) dictionary grown from a function called per connection",
    ),
    Invalid(
        """
        let history = [];
        setInterval(() => { history.push(process.memoryUsage()); }, 1000);
        """,
        at=((1, 5),),
        why="interval callback runs repeatedly",
        message_contains="on every timer tick",
    ),
    Invalid(
        """
        class Registry {
          static items = new Map();
          register(key, value) { Registry.items.set(key, value); }
        }
        """,
        at=((2, 18),),
        why="static field grown from a method",
        message_contains="static Map `Registry.items`",
    ),
    Invalid(
        """
        @Controller('audit')
        export class AuditController {
          private entries: string[] = [];
          @Post()
          log(@Body() entry: string) { this.entries.push(entry); }
        }
        """,
        at=((3, 31),),
        why="field of a NestJS controller (a singleton) grown per request",
        lang="ts",
        message_contains="field `entries` of the @Controller singleton",
    ),
    Invalid(
        """
        class Sampler {
          constructor() {
            this.samples = new Map();
            setInterval(() => this.samples.set(Date.now(), process.memoryUsage()), 1000);
          }
        }
        module.exports = new Sampler();
        """,
        at=((3, 20),),
        why="field of a class instantiated once at module level",
    ),
    Invalid(
        """
        const listeners: Array<(e: Event) => void> = [];
        fastify.get('/watch', async (request, reply) => {
          listeners.push((e: Event) => reply.raw.write(String(e)));
        });
        """,
        at=((1, 7),),
        why="TypeScript with type annotations",
        lang="ts",
    ),
]

VALID = [
    Valid(
        """
        const waiting = new Map();
        function cancel(id, fn) {
          if (waiting.has(id)) {
            waiting.set(id, waiting.get(id).filter((f) => f !== fn));
          }
        }
        process.on('message', (msg) => cancel(msg.id, msg.fn));
        """,
        why="set under has() of the same key replaces an entry, it never adds one (thelounge eventbus off())",
    ),
    Valid(
        """
        const settings = {};
        process.on('message', (message) => { settings[message.key] = message.value; });
        export default settings;
        """,
        why="exported as the default export: other files may replace or evict its entries",
    ),
    Valid(
        """
        const cache = new WeakMap();
        app.use((req, res, next) => { cache.set(req, Date.now()); next(); });
        """,
        why="WeakMap entries die with their keys",
    ),
    Valid(
        """
        const { LRUCache } = require('lru-cache');
        const cache = new LRUCache({ max: 500 });
        export function put(k, v) { cache.set(k, v); }
        """,
        why="LRUCache is bounded",
    ),
    Valid(
        """
        const cache = new Map();
        export function put(k, v) { cache.set(k, v); }
        export function drop(k) { cache.delete(k); }
        """,
        why="entries are deleted elsewhere in the file",
    ),
    Valid(
        """
        const cache = new Map();
        export function put(k, v) {
          if (cache.size > 1000) cache.clear();
          cache.set(k, v);
        }
        """,
        why="size check with clear",
    ),
    Valid(
        """
        const recent = [];
        export function remember(item) {
          recent.push(item);
          if (recent.length > 100) recent.splice(0, 1);
        }
        """,
        why="bounded by a length check and splice",
    ),
    Valid(
        """
        const queue = [];
        export function enqueue(job) { queue.push(job); }
        export function next() { return queue.shift(); }
        """,
        why="a queue that is consumed",
    ),
    Valid(
        """
        let buffer = [];
        export function add(x) { buffer.push(x); }
        export function flush() { const out = buffer; buffer = []; return out; }
        """,
        why="reassigned to a new array",
    ),
    Valid(
        """
        const pending = [];
        export function add(x) { pending.push(x); }
        export function reset() { pending.length = 0; }
        """,
        why="truncated with length = 0",
    ),
    Valid(
        """
        const handlers = new Map();
        handlers.set('a', 1);
        for (const name of names) handlers.set(name, load(name));
        """,
        why="lookup table filled at module top level",
    ),
    Valid(
        """
        const table = new Map();
        function build() { for (const n of names) table.set(n, n.length); }
        build();
        """,
        why="filled by a function that only runs at start-up",
    ),
    Valid(
        """
        const config = new Map();
        export function setMode(mode) { config.set('mode', mode); }
        """,
        why="literal keys cannot grow without bound",
    ),
    Valid(
        """
        export function handler(items) {
          const local = new Map();
          for (const i of items) local.set(i.id, i);
          return local;
        }
        """,
        why="a collection local to one call",
    ),
    Valid(
        """
        const registry = new Map();
        export function register(k, v) { registry.set(k, v); }
        export { registry };
        """,
        why="exported collection may be evicted by another module",
    ),
    Valid(
        """
        const cache = new Map();
        function neverCalled(k) { cache.set(k, 1); }
        """,
        why="a function nothing calls",
    ),
    Valid(
        """
        const registeredTypes = {};
        export function register(type, module) { registeredTypes[type] = module; }
        export async function getUser(id) {
          userCache.set(id, await db.find(id));
        }
        const userCache = new Map();
        """,
        why="callers are all in other files: a start-up registry looks the same as a cache (found on node-red)",
    ),
    Valid(
        """
        @Injectable()
        export class AuditService {
          private entries: string[] = [];
          log(entry: string) { this.entries.push(entry); }
        }
        """,
        why="a singleton's method runs as often as callers in other files decide",
        lang="ts",
    ),
    Valid(
        """
        class Widget {
          constructor() { this.children = []; }
          add(child) { this.children.push(child); }
        }
        export function make() { return new Widget(); }
        """,
        why="field of a class with many short-lived instances",
    ),
    Valid(
        """
        const cache = new Map();
        app.get('/x', (req, res) => {
          const cache = new Map();
          cache.set(req.url, 1);
          res.end();
        });
        """,
        why="a local binding shadows the module-level one",
    ),
    Valid(
        """
        const items = [];
        export function add(item) {
          items.push(item);
          while (items.length > 50) items.shift();
        }
        """,
        why="a while loop that trims to a maximum",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_related_lists_every_growth_site():
    findings = run(
        """
        const log = [];
        function a(x) { log.push(x); }
        function b(x) { log.unshift(x); }
        process.on('message', (m) => { a(m); b(m); });
        """,
        RULE,
    )
    assert [(r.span.line, r.span.column) for r in findings[0].related[:2]] == [(2, 17), (3, 17)]
    assert "grows here, in `a()`" in findings[0].related[0].message
