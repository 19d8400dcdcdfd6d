"""LL001: a removal counts as eviction only if something runs it while the collection grows.

Facts (leaklint/model/eviction_reach.py), each with cases of both signs:
- a removal in a function nothing in the file calls (declared, not exported, its name never read) evicts nothing;
- a removal at start-up (module top level, or a function called only from there) is initialisation;
- slots emptied with `null`/`undefined` plus a clear-all on demand is no per-entry removal;
- a removal only on a failure path (a `catch` clause, `.catch()`, `.then(_, onError)`) keeps every success;
- a removal by a value made on the spot (`.delete(fn.bind(this))`, `.delete({ id })`) matches no entry,
  and `splice(i, 0)` deletes nothing.
Look-alikes that stay quiet: a clear from a close path the file wires to a signal, a delete in `finally`,
an LRU size cap, a WeakMap, a reset on a timer started by `init()`, an exported reset (callers elsewhere),
a classic script's global function (HTML may call it), a clear-all in `close()`.
"""

import pytest

from leaklint.model import FileModel
from leaklint.model.collections import find_collections
from leaklint.model.eviction_reach import reached_evictions, unreached_reason
from leaklint import syntax
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL001"

ROUTE = """
const express = require('express');
const app = express();
{decl}
{extra}
app.get('/x/:id', (req, res) => {{
  seen.set(req.params.id, Date.now());
  res.send('ok');
}});
app.listen(3000);
"""


def route(extra: str, decl: str = "const seen = new Map();") -> str:
    return ROUTE.format(decl=decl, extra=extra)


INVALID = [
    Invalid(
        route("function init() {\n  seen = new Map();\n}\ninit();", decl="let seen = new Map();"),
        at=((3, 5),),
        why="a reset in init(), which only module top level calls, is initialisation",
        message_contains="never evicted",
    ),
    Invalid(
        route("function setup() {\n  seen.clear();\n  app.listen(3001);\n}\nsetup();"),
        at=((3, 7),),
        why="a clear() in setup(), called once at start-up, evicts nothing added later",
    ),
    Invalid(
        route("function resetSeen() {\n  seen.clear();\n}"),
        at=((3, 7),),
        why="a clear() in a module function nothing calls or hands on",
    ),
    Invalid(
        route("seen.clear();"),
        at=((3, 7),),
        why="a clear() at module top level runs once, before the first request",
    ),
    Invalid(
        route("function outer() {\n  function forget(id) { seen.delete(id); }\n  return 1;\n}\nmodule.exports = { outer };"),
        at=((3, 7),),
        why="a nested helper that deletes, never called inside its function",
    ),
    Invalid(
        """
        class Deduper {
          constructor(run) {
            this.inflight = new Map();
            this.run = run;
          }
          add(args) {
            const key = JSON.stringify(args);
            let entry = this.inflight.get(key);
            if (!entry) {
              entry = this.run(args).then((result) => {
                this.inflight.set(key, undefined);
                return result;
              });
              this.inflight.set(key, entry);
            }
            return entry;
          }
          clear() {
            this.inflight.clear();
          }
        }
        module.exports = { Deduper };
        """,
        at=((3, 21),),
        why="finished entries are set to undefined; the only removal is an on-demand clear()",
        message_contains="only set to `undefined`",
    ),
    Invalid(
        """
        const express = require('express');
        const app = express();
        const pending = new Map();
        app.post('/job', async (req, res) => {
          const id = req.body.id;
          pending.set(id, { started: Date.now() });
          try {
            await run(req.body);
            res.send('ok');
          } catch (err) {
            pending.delete(id);
            res.status(500).end();
          }
        });
        """,
        at=((3, 7),),
        why="deleted only in the catch clause: every job that succeeds stays",
    ),
    Invalid(
        """
        const users = new Map();
        export function getUser(id) {
          if (!users.has(id)) {
            const loading = db.find(id);
            users.set(id, loading);
            loading.catch(() => users.delete(id));
          }
          return users.get(id);
        }
        """,
        at=((1, 7),),
        why="a memoised promise dropped only when it rejects: a cache of every success",
        message_contains="cache",
    ),
    Invalid(
        """
        const users = new Map();
        export function getUser(id) {
          if (!users.has(id)) {
            users.set(id, db.find(id).then((u) => u, (err) => { users.delete(id); throw err; }));
          }
          return users.get(id);
        }
        """,
        at=((1, 7),),
        why="removed only in the rejection handler of then()",
    ),
    Invalid(
        """
        const express = require('express');
        const app = express();
        const watchers = new Set();
        function notify(res) { res.write('tick'); }
        app.get('/watch', (req, res) => {
          watchers.add(notify.bind(null, res));
          req.on('close', () => watchers.delete(notify.bind(null, res)));
        });
        """,
        at=((3, 7),),
        why="delete(fn.bind(...)) makes a new function: it matches no entry",
    ),
    Invalid(
        """
        const express = require('express');
        const app = express();
        const active = [];
        app.get('/watch', (req, res) => {
          active.push({ id: req.query.id, res });
          req.on('close', () => active.splice(active.indexOf({ id: req.query.id, res }), 1));
        });
        """,
        at=((3, 7),),
        why="indexOf of a fresh object literal is -1: the splice removes nothing it added",
    ),
    Invalid(
        """
        const http = require('http');
        const clients = [];
        http.createServer().on('connection', (socket) => {
          clients.push(socket);
          socket.on('close', () => clients.splice(clients.indexOf(socket), 0));
        });
        """,
        at=((2, 7),),
        why="splice(i, 0) deletes nothing: the delete count is zero",
    ),
    Invalid(
        route("function shutdown() {\n  seen.clear();\n}\nprocess.on('SIGTERM', shutdown);"),
        at=((3, 7),),
        why="a clear() only in shutdown(), run on SIGTERM, bounds nothing while the server serves (shutdown_only)",
    ),
]

VALID = [
    Valid(
        """
        const http = require('http');
        const clients = [];
        http.createServer().on('connection', (socket) => {
          clients.push(socket);
          socket.on('close', () => clients.splice(clients.indexOf(socket), 1));
        });
        """,
        why="splice(i, 1) with the same socket removes its entry",
    ),
    Valid(
        """
        const inflight = new Map();
        export async function handle(req) {
          inflight.set(req.id, req.body);
          try {
            return await work(req);
          } finally {
            inflight.delete(req.id);
          }
        }
        """,
        why="delete in finally: on every completion path",
    ),
    Valid(
        route("function remember(id) {}", decl="const seen = new Map();\nconst MAX = 1000;\napp.use((req, res, next) => { if (seen.size > MAX) seen.delete(seen.keys().next().value); next(); });"),
        why="an LRU-style size cap in middleware that runs on every request",
    ),
    Valid(
        route("", decl="const seen = new WeakMap();"),
        why="a WeakMap holds its keys weakly",
    ),
    Valid(
        route("function init() {\n  setInterval(() => seen.clear(), 60000);\n}\ninit();"),
        why="a reset on a timer that init() starts: the callback runs repeatedly",
    ),
    Valid(
        route("export function resetSeen() {\n  seen.clear();\n}"),
        why="an exported reset: callers in other files may run it",
    ),
    Valid(
        """
        var seen = new Map();
        function resetSeen() {
          seen.clear();
        }
        window.addEventListener('message', function (event) {
          seen.set(event.data.id, event.data);
        });
        """,
        why="a classic script's top-level function is a global that HTML may call",
    ),
    Valid(
        route("function resetSeen() {\n  seen.clear();\n}\napp.post('/reset', resetSeen);"),
        why="a reset handed on as a route handler",
    ),
    Valid(
        route("function init() {\n  seen.clear();\n}\ninit();\napp.post('/reset', (req, res) => { init(); res.end(); });"),
        why="init() is also called from a route: not start-up only",
    ),
    Valid(
        """
        class Deduper {
          constructor(run) { this.inflight = new Map(); this.run = run; }
          add(args) {
            const key = JSON.stringify(args);
            let entry = this.inflight.get(key);
            if (!entry) {
              entry = this.run(args).then((result) => { this.inflight.delete(key); return result; });
              this.inflight.set(key, entry);
            }
            return entry;
          }
          clear() { this.inflight.clear(); }
        }
        module.exports = { Deduper };
        """,
        why="finished entries are deleted by key: the clear() is extra",
    ),
    Valid(
        """
        class Deduper {
          constructor(run) { this.inflight = new Map(); this.run = run; }
          add(args) {
            const key = JSON.stringify(args);
            let entry = this.inflight.get(key);
            if (!entry) {
              entry = this.run(args).then((result) => { this.inflight.set(key, undefined); return result; });
              this.inflight.set(key, entry);
            }
            return entry;
          }
          close() { this.inflight.clear(); }
        }
        module.exports = { Deduper };
        """,
        why="nulled slots, but cleared when the owner closes: the end of its life",
    ),
    Valid(
        """
        const express = require('express');
        const app = express();
        const pending = new Map();
        app.post('/job', async (req, res) => {
          const id = req.body.id;
          pending.set(id, { started: Date.now() });
          try {
            await run(req.body);
            pending.delete(id);
            res.send('ok');
          } catch (err) {
            pending.delete(id);
            res.status(500).end();
          }
        });
        """,
        why="deleted on the success path and in the catch clause",
    ),
    Valid(
        """
        const inflight = new Map();
        export function getUser(id) {
          if (!inflight.has(id)) {
            inflight.set(id, db.find(id).finally(() => inflight.delete(id)));
          }
          return inflight.get(id);
        }
        """,
        why="an in-flight dedupe removed in finally(): on success and failure",
    ),
    Valid(
        """
        const inflight = new Map();
        export function getUser(id) {
          if (!inflight.has(id)) {
            const done = () => inflight.delete(id);
            inflight.set(id, db.find(id).then((u) => { inflight.delete(id); return u; }, (e) => { done(); throw e; }));
          }
          return inflight.get(id);
        }
        """,
        why="removed in both handlers of then()",
    ),
    Valid(
        route("if (process.platform === 'linux') {\n  seen = new Map([['a', 1]]);\n}", decl="let seen = new Map();"),
        why="a top-level reassignment to another (seeded) value: the binding holds something else",
    ),
    Valid(
        """
        const clients = new Set();
        export function onConnection(socket) {
          clients.add(socket);
        }
        setInterval(() => {
          for (const client of clients) {
            try {
              client.send('ping');
            } catch (err) {
              clients.delete(client);
            }
          }
        }, 30000);
        """,
        why="pruning the entries whose send fails, in a loop over the set: a sweep",
    ),
    Valid(
        """
        const clients = [];
        export function onConnection(socket) {
          clients.push(socket);
        }
        export function broadcast(message) {
          clients.forEach((client, i) => {
            client.write(message).catch(() => clients.splice(i, 1));
          });
        }
        """,
        why="a .catch() that drops a failed client inside a forEach over the array",
    ),
    Valid(
        """
        const express = require('express');
        const app = express();
        const watchers = new Set();
        function notify(res) { res.write('tick'); }
        app.get('/watch', (req, res) => {
          const watcher = notify.bind(null, res);
          watchers.add(watcher);
          req.on('close', () => watchers.delete(watcher));
        });
        """,
        why="the bound function is kept and the same one is deleted",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def _model(code: str) -> FileModel:
    source = code.encode()
    tree, grammar = syntax.parse_best(source, syntax.Grammar.JAVASCRIPT)
    return FileModel("case.js", source, grammar, tree)


@pytest.mark.parametrize(
    "code, reason",
    [
        ("const m = new Map();\nexport const f = (k) => m.set(k, 1);\nfunction init() { m.clear(); }\ninit();\n", "start-up"),
        ("const m = new Map();\nexport const f = (k) => m.set(k, 1);\nfunction gone() { m.clear(); }\n", "nothing in the file calls"),
        ("const m = new Map();\nexport const f = (k) => m.set(k, 1);\nm.clear();\n", "module top level"),
        ("const m = new Map();\nexport const f = (k) => m.set(k, 1);\nexport function g() { m.clear(); }\n", None),
        ("const m = new Map();\nexport const f = (k) => m.set(k, 1);\nfunction init() { setTimeout(() => m.clear(), 5); }\ninit();\n", None),
        # a guard that is never true: arrays have no `.count` / `.size`
        ("const m = {};\nexport const f = (u, s) => { (m[u] = m[u] || {})[s] = 1; };\n"
         "export function g(u, s) { delete m[u][s]; if (Object.keys(m[u]).count === 0) delete m[u]; }\n", "never true"),
        ("const m = {};\nexport const f = (u, s) => { (m[u] = m[u] || {})[s] = 1; };\n"
         "export function g(u, s) { delete m[u][s]; if (Object.values(m[u]).size < 1) delete m[u]; }\n", "never true"),
        ("const m = {};\nexport const f = (u, s) => { (m[u] = m[u] || {})[s] = 1; };\n"
         "export function g(u, s) { delete m[u][s]; if (Object.keys(m[u]).length === 0) delete m[u]; }\n", None),
        ("const m = {};\nexport const f = (u, s) => { (m[u] = m[u] || {})[s] = 1; };\n"
         "export function g(u, s) { delete m[u][s]; if (m[u].count === 0) delete m[u]; }\n", None),  # may be a field
        ("const m = {};\nexport const f = (u, s) => { (m[u] = m[u] || {})[s] = 1; };\n"
         "export function g(u, s) { delete m[u][s]; if (Object.keys(m[u]).count !== 0) return; delete m[u]; }\n",
         None),  # always true, and the removal is not under it
    ],
)
def test_unreached_reason(code, reason):
    """The model names why a removal never runs while the collection grows, or says nothing."""
    model = _model(code)
    (collection,) = [c for c in find_collections(model) if c.kind in ("Map", "object")]
    eviction = collection.evictions[-1]  # the last: the one a case is about
    found = unreached_reason(model, eviction)
    if reason is None:
        assert found is None
        assert eviction in reached_evictions(model, collection)
    else:
        assert found is not None and reason in found
        assert eviction not in reached_evictions(model, collection)
