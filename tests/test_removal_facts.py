"""Removals that do not remove, or run too rarely (round-7 miss cause 2 and round-5 leftovers).

Each model fact with cases of both signs, through the rule that reads it:

- ``eviction_reach.lazy_expiry``: a delete of the key just read, behind a test
  of that entry's age, runs only when the same key is read again (LL001);
- ``eviction_reach.test_only``: a removal in a function named for tests, or
  (the project link) in a method only such a function calls (LL001);
- ``eviction_reach.dropped_disposer``: a disposer returned by a function whose
  every call in the file drops it (LL001);
- ``request_stores.finish_only``: a removal only in a `'finish'` listener,
  which a client that goes away never fires (LL003);
- a delete on one arm of an `if` does not settle an entry completed on the
  other arm, and `q[id].list.shift()` does not complete the entry (LL001).
"""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import main
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

# -- lazy expiry ---------------------------------------------------------------------------------

LAZY = """
    const express = require('express');
    const app = express();
    const cache = new Map();
    function readCached(key) {
      const hit = cache.get(key);
      if (!hit) return null;
      if (Date.now() - hit.storedAt > 60000) {
        cache.delete(key);
        return null;
      }
      return hit.value;
    }
    app.get('/user/:id', async (req, res) => {
      const id = req.params.id;
      let value = readCached(id);
      if (!value) {
        value = await load(id);
        cache.set(id, { value, storedAt: Date.now() });
      }
      res.json(value);
    });
    """

SWEEP = """
    setInterval(() => {
      for (const [k, e] of cache) if (Date.now() - e.storedAt > 60000) cache.delete(k);
    }, 60000);
    """

LAZY_CLASS = """
    class TtlCache {
      constructor() { this.store = new Map(); }
      get(key) {
        const entry = this.store.get(key);
        if (entry && entry.expiresAt < Date.now()) {
          this.store.delete(key);
          return undefined;
        }
        return entry && entry.value;
      }
      set(key, value) { this.store.set(key, { value, expiresAt: Date.now() + 1000 }); }
    }
    const users = new TtlCache();
    require('http').createServer((req, res) => {
      if (!users.get(req.url)) users.set(req.url, Date.now());
      res.end();
    });
    """

LL001_INVALID = [
    Invalid(LAZY, at=((3, 7),), why="an expired entry deleted only when its key is read again"),
    Invalid(LAZY.replace("if (Date.now() - hit.storedAt > 60000) {", "if (isExpired(hit)) {"), at=((3, 7),),
            why="the age test through a named helper"),
    Invalid(LAZY_CLASS, at=((2, 32),), why="a TTL cache class of one instance, expiring lazily in get()"),
]

LL001_VALID = [
    Valid(LAZY + SWEEP, why="a timer sweeps the expired entries too"),
    Valid(LAZY.replace("      return hit.value;\n    }\n", "      return hit.value;\n    }\n"
                       "    function trim() { if (cache.size > 1000) cache.delete(cache.keys().next().value); }\n")
          .replace("cache.set(id, { value, storedAt: Date.now() });",
                   "cache.set(id, { value, storedAt: Date.now() }); trim();"),
          why="a size cap drops the oldest key"),
    Valid(LAZY.replace("if (Date.now() - hit.storedAt > 60000) {", "if (hit.done) {"),
          why="a delete of the key read, on its completion, not on its age: a consumed entry"),
    Valid(
        """
        const pending = new Map();
        let next = 0;
        require('net').createServer((socket) => {
          socket.on('data', (buf) => {
            const id = next++;
            pending.set(id, { socket, sentAt: Date.now() });
            const entry = pending.get(id);
            if (entry && Date.now() - entry.sentAt >= 0) pending.delete(id);
          });
        });
        """,
        why="the delete runs in the growing handler on every call: not lazy",
    ),
]


# -- test-only removals ------------------------------------------------------------------------

TEST_ONLY = """
    const express = require('express');
    const app = express();
    const seen = new Map();
    app.get('/track/:id', (req, res) => {
      seen.set(req.params.id, Date.now());
      res.end();
    });
    export function resetSeenForTests() {
      seen.clear();
    }
    """

LL001_INVALID += [
    Invalid(TEST_ONLY, at=((3, 7),), why="the only clear is in a function named for tests"),
    Invalid(TEST_ONLY.replace("resetSeenForTests", "__resetSeen"), at=((3, 7),),
            why="a double-underscore reset is not for the application"),
]
LL001_VALID += [
    Valid(TEST_ONLY.replace("resetSeenForTests", "resetSeen"), why="an exported reset the application may call"),
    Valid(TEST_ONLY.replace("resetSeenForTests", "latestTestsRun"), why="a name that only contains the word"),
]


# -- dropped disposers ---------------------------------------------------------------------------

DISPOSER = """
    const express = require('express');
    const app = express();
    const handlers = {};
    function addHandler(key, handler) {
      handlers[key] = handler;
      return () => {
        delete handlers[key];
      };
    }
    app.get('/watch/:id', (req, res) => {
      addHandler(req.params.id, () => res.locals);
      res.end();
    });
    """

LL001_INVALID += [
    Invalid(DISPOSER, at=((3, 7),), why="every call drops the disposer that would delete the handler"),
    Invalid(DISPOSER.replace("addHandler(req.params.id", "await addHandler(req.params.id").replace(
        "(req, res) =>", "async (req, res) =>"), at=((3, 7),), why="an awaited call that drops the result"),
]
LL001_VALID += [
    Valid(DISPOSER.replace("addHandler(req.params.id, () => res.locals);",
                           "const off = addHandler(req.params.id, () => res.locals);\n  res.on('close', off);"),
          why="the caller keeps the disposer and runs it on close"),
    Valid(DISPOSER.replace("function addHandler", "export function addHandler"),
          why="exported: callers in other files may keep the disposer"),
    Valid(DISPOSER.replace("addHandler(req.params.id, () => res.locals);",
                           "req.dispose = addHandler(req.params.id, () => res.locals);"),
          why="the disposer is kept on the request"),
]


@pytest.mark.parametrize("case", LL001_INVALID, ids=ids(LL001_INVALID))
def test_ll001_invalid(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", LL001_VALID, ids=ids(LL001_VALID))
def test_ll001_valid(case):
    check_valid(case, "LL001")


def test_the_finding_names_the_lazy_removal_and_is_medium():
    from tests.ruletest import run

    (finding,) = run(LAZY, "LL001")
    assert finding.confidence == "medium"
    assert any("lazy expiry" in r.message for r in finding.related)


# -- a removal only on 'finish' -------------------------------------------------------------------

SSE = """
    const clients = [];
    module.exports = function sse() {
      return async function attach(ctx, next) {
        const stream = new PassThrough(ctx);
        clients.push(stream);
        stream.on('finish', () => {
          clients.splice(clients.indexOf(stream), 1);
        });
        ctx.body = stream;
        await next();
      };
    };
    """

LL003_INVALID = [
    Invalid(SSE, at=((5, 5),), why="removed only on 'finish', which a client disconnect never fires"),
    Invalid(SSE.replace("stream.on('finish', () => {", "stream.once('finish', () => {"), at=((5, 5),),
            why="once('finish') too"),
]

LL003_VALID = [
    Valid(SSE.replace("'finish'", "'close'"), why="'close' fires when the client goes away"),
    Valid(SSE.replace("        ctx.body = stream;\n",
                      "        stream.on('close', () => clients.splice(clients.indexOf(stream), 1));\n"
                      "        ctx.body = stream;\n"),
          why="both 'finish' and 'close' remove it"),
]


@pytest.mark.parametrize("case", LL003_INVALID, ids=ids(LL003_INVALID))
def test_ll003_invalid(case):
    check_invalid(case, "LL003")


@pytest.mark.parametrize("case", LL003_VALID, ids=ids(LL003_VALID))
def test_ll003_valid(case):
    check_valid(case, "LL003")


def test_a_finish_only_removal_is_named_and_medium():
    from tests.ruletest import run

    (finding,) = run(SSE, "LL003")
    assert finding.confidence == "medium"
    assert any("'finish'" in r.message for r in finding.related)


# -- a delete on the other arm of an `if` -------------------------------------------------------

QUEUE = """
    const queue = {};
    let count = 0;
    module.exports.lookup = function lookup(point, layers, callback) {
      const id = count++;
      queue[id] = { point, layers: layers.slice(), callback };
      search(id);
    };
    function search(id) {
      const layer = queue[id].layers.shift();
      worker.send({ id, layer });
    }
    worker.on('message', (msg) => {
      if (msg.results.length === 0) {
        if (queue[msg.id].layers.length > 0) {
          search(msg.id);
        } else {
          queue[msg.id].callback(null, []);
        }
      } else {
        queue[msg.id].callback(null, msg.results);
        delete queue[msg.id];
      }
    });
    """

BRANCHES_INVALID = [
    Invalid(QUEUE, at=((1, 7),), why="a miss completes the entry on the arm without the delete"),
]
BRANCHES_VALID = [
    Valid(QUEUE.replace("queue[msg.id].callback(null, []);", "queue[msg.id].callback(null, []);\n"
                        "      delete queue[msg.id];"),
          why="both completion arms delete the entry"),
    Valid(QUEUE.replace("      } else {\n        queue[msg.id].callback(null, msg.results);\n        delete queue[msg.id];\n",
                        "      } else {\n        queue[msg.id].callback(null, msg.results);\n")
          .replace("  });\n", "    delete queue[msg.id];\n  });\n", 1)
          .replace("          search(msg.id);\n", "          search(msg.id);\n          return;\n"),
          why="a delete after the if, on every completion path"),
]


@pytest.mark.parametrize("case", BRANCHES_INVALID, ids=ids(BRANCHES_INVALID))
def test_other_arm_invalid(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", BRANCHES_VALID, ids=ids(BRANCHES_VALID))
def test_other_arm_valid(case):
    check_valid(case, "LL001")


# -- test-only through the project link ---------------------------------------------------------

CACHE_TS = """export class TtlCache<T> {
  private store = new Map<string, T>();
  get(key: string): T | undefined {
    return this.store.get(key);
  }
  set(key: string, value: T): void {
    this.store.set(key, value);
  }
  clear(): void {
    this.store.clear();
  }
}
"""

USERS_TS = """import { TtlCache } from './cache';
const profiles = new TtlCache<string>();
export function clearProfilesForTests(): void {
  profiles.clear();
}
export async function profile(name: string): Promise<string> {
  if (name) {
    const hit = profiles.get(name);
    if (hit) return hit;
  }
  const value = await fetch('https://example.com/' + name).then((r) => r.text());
  profiles.set(name, value);
  return value;
}
"""

ROUTE_TS = """import { profile } from '../../../lib/users';
export async function GET(request: Request) {
  const name = new URL(request.url).searchParams.get('name') || '';
  return new Response(await profile(name));
}
"""


def _run_project(root: Path) -> list[dict]:
    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["--format", "json", "--isolated", "."], catch_exceptions=False)
    finally:
        os.chdir(old)
    return json.loads(result.output)["findings"]


@pytest.mark.parametrize(
    ("users", "reported"),
    [
        (USERS_TS, True),  # clear() only from a function named for tests
        (USERS_TS.replace("clearProfilesForTests", "clearProfiles"), False),  # a reset the app may call
        (USERS_TS + "export function logout(): void { profiles.clear(); }\n", False),  # also called by the app
    ],
)
def test_a_method_only_test_helpers_call_bounds_nothing(tmp_path, users, reported):
    root = tmp_path / "p"
    (root / "lib").mkdir(parents=True)
    (root / "app" / "api" / "profile").mkdir(parents=True)
    (root / "lib" / "cache.ts").write_text(CACHE_TS)
    (root / "lib" / "users.ts").write_text(users)
    (root / "app" / "api" / "profile" / "route.ts").write_text(ROUTE_TS)
    findings = _run_project(root)
    flagged = {(f["path"], f["line"]) for f in findings if f["rule"] == "LL001"}
    assert (("lib/cache.ts", 2) in flagged) is reported, findings


# -- an on-demand removal by the caller's key; a function installed on each request's response ----

REDIRECTS = """
    const redirects = {};
    module.exports.middleware = function () {
      return function (req, res, next) {
        const key = req.originalUrl;
        if (redirects[key]) return res.redirect(redirects[key]);
        const realRedirect = res.redirect;
        res.redirect = function (url) {
          redirects[key] = url;
          return realRedirect.call(res, url);
        };
        next();
      };
    };
    module.exports.removeCache = function (url) {
      delete redirects[url];
    };
    """

ON_DEMAND_INVALID = [
    Invalid(REDIRECTS, at=((1, 7),), why="filled per request, removed only when the application names a URL"),
    Invalid(REDIRECTS.replace("const key = req.originalUrl;", "const key = custom ? custom(req) : req.originalUrl;"),
            at=((1, 7),), why="a key from either branch of a ternary"),
    Invalid(REDIRECTS.replace("module.exports.removeCache = function (url) {\n  delete redirects[url];\n};\n", ""),
            at=((1, 7),), why="no removal at all: the function installed on res runs per request"),
]
ON_DEMAND_VALID = [
    Valid(REDIRECTS.replace("delete redirects[url];", "delete redirects[url];\n  };\n"
                            "  setInterval(() => { for (const k in redirects) delete redirects[k]; }, 1000);\n"
                            "  module.exports.noop = function () {"),
          why="a timer also empties it"),
    Valid(REDIRECTS.replace("const redirects = {};", "const redirects = {};\nrequire('net').createServer((s) => "
                            "s.on('close', () => module.exports.removeCache(s.url)));"),
          why="the file itself calls the removal from a close listener"),
    Valid(REDIRECTS.replace("if (redirects[key]) return res.redirect(redirects[key]);\n", ""),
          why="no lookup of the entry: not a cache, a removal API callers use"),
]


@pytest.mark.parametrize("case", ON_DEMAND_INVALID, ids=ids(ON_DEMAND_INVALID))
def test_on_demand_invalid(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", ON_DEMAND_VALID, ids=ids(ON_DEMAND_VALID))
def test_on_demand_valid(case):
    check_valid(case, "LL001")


def test_a_function_installed_on_the_response_runs_per_request():
    from leaklint import syntax
    from leaklint.model import FileModel
    from leaklint.model.frequency import Frequency

    source = REDIRECTS.encode()
    model = FileModel("case.js", source, syntax.Grammar.JAVASCRIPT, syntax.parse(source, syntax.Grammar.JAVASCRIPT))
    installed = next(f for f in model.functions if f.context and f.context[0] == "assigned"
                     and syntax.text(f.context[1]) == "res.redirect")
    fact = model.frequency(installed)
    assert fact.frequency is Frequency.PER_EVENT and "each request" in fact.reason
    standalone = b"const handlers = {};\nmodule.exports = function (app) { app.redirect = function (u) { handlers[u] = 1; }; };\n"
    other = FileModel("b.js", standalone, syntax.Grammar.JAVASCRIPT, syntax.parse(standalone, syntax.Grammar.JAVASCRIPT))
    assigned = next(f for f in other.functions if f.context and f.context[0] == "assigned")
    assert other.frequency(assigned).frequency is not Frequency.PER_EVENT  # not a request's object


# -- a Keyv with no store: an in-memory Map whose TTL is checked only on read ---------------------

KEYV = """
    const Keyv = require('keyv');
    const keyv = new Keyv();
    module.exports.open = async function open(interaction) {
      const key = `ratelimit:${interaction.user.id}`;
      if (await keyv.get(key)) return false;
      await keyv.set(key, true, 5000);
      return true;
    };
    """

KEYV_INVALID = [
    Invalid(KEYV, at=((2, 7),), why="new Keyv() keeps every key in a Map"),
    Invalid(KEYV.replace("new Keyv()", "new Keyv({ namespace: 'limits', ttl: 5000 })"), at=((2, 7),),
            why="options without a store"),
    Invalid(KEYV.replace("const Keyv = require('keyv');", "import Keyv from 'keyv';"), at=((2, 7),),
            why="imported as an ES module"),
]
KEYV_VALID = [
    Valid(KEYV.replace("new Keyv()", "new Keyv({ store: new QuickLRU({ maxSize: 1000 }) })"), why="a bounded store"),
    Valid(KEYV.replace("new Keyv()", "new Keyv('redis://localhost:6379')"), why="a Redis store"),
    Valid(KEYV.replace("new Keyv()", "new Keyv({ ...options })"), why="options the file does not show"),
    Valid(KEYV.replace("require('keyv')", "require('./keyv')"), why="another class of the same name"),
    Valid(KEYV.replace("await keyv.set(key, true, 5000);", "await keyv.set(key, true, 5000);\n"
                       "  setTimeout(() => keyv.delete(key), 5000);"), why="each key deleted when its TTL ends"),
]


KEYV_FIELD = """
    const Keyv = require('keyv');
    class Bot {
      constructor() {
        this.keyv = new Keyv();
      }
      start(client) {
        client.on('interaction', async (interaction) => {
          const key = `known:${interaction.guildId}`;
          if (await this.keyv.has(key)) return;
          await this.keyv.set(key, true);
        });
      }
    }
    const bot = new Bot();
    bot.start(require('./client'));
    """
KEYV_INVALID.append(Invalid(KEYV_FIELD, at=((4, 17),), why="a Keyv field of a single instance, filled per event"))
KEYV_VALID.append(Valid(KEYV_FIELD.replace("new Keyv()", "new Keyv({ store: new QuickLRU({ maxSize: 100 }) })"),
                        why="a bounded store"))


@pytest.mark.parametrize("case", KEYV_INVALID, ids=ids(KEYV_INVALID))
def test_keyv_invalid(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", KEYV_VALID, ids=ids(KEYV_VALID))
def test_keyv_valid(case):
    check_valid(case, "LL001")


# -- a disposer every caller in the project drops (the project link) -----------------------------

REGISTRY_JS = """class Registry {
  constructor() {
    this.handlers = {};
  }
  addHandler(key, handler) {
    this.handlers[key] = handler;
    return () => {
      delete this.handlers[key];
    };
  }
  notify(key, value) {
    if (this.handlers[key]) this.handlers[key](value);
  }
}
module.exports = new Registry();
"""

ROUTES_JS = """const express = require('express');
const registry = require('./registry');
const app = express();
app.get('/watch/:id', (req, res) => {
  registry.addHandler(req.params.id + Math.random(), (value) => console.log(value));
  res.end();
});
"""


@pytest.mark.parametrize(
    ("routes", "reported"),
    [
        (ROUTES_JS, True),
        (ROUTES_JS.replace("  registry.addHandler(", "  const off = registry.addHandler(").replace(
            "  res.end();", "  res.on('close', off);\n  res.end();"), False),  # kept and run on close
        (ROUTES_JS + "module.exports.stop = registry.addHandler('x', () => {});\n", False),  # kept once: may run
    ],
)
def test_a_disposer_every_caller_drops_removes_nothing(tmp_path, routes, reported):
    root = tmp_path / "p"
    root.mkdir()
    (root / "registry.js").write_text(REGISTRY_JS)
    (root / "routes.js").write_text(routes)
    findings = _run_project(root)
    flagged = {(f["path"], f["line"]) for f in findings if f["rule"] == "LL001"}
    assert (("registry.js", 3) in flagged) is reported, findings


def test_a_ternary_key_checked_against_a_fixed_set_is_bounded():
    checked = """
        const seen = new Set();
        const PERIODS = ['hour', 'day'];
        export function mark(ctx) {
          const period = PERIODS.includes(ctx.params.period) ? ctx.params.period : 'day';
          if (!seen.has(period)) seen.add(period);
        }
        """
    check_valid(Valid(checked, why="validated branch"), "LL001")
    unchecked = checked.replace("PERIODS.includes(ctx.params.period) ? ctx.params.period : 'day'",
                                "ctx.query.custom ? ctx.params.period : 'day'")
    check_invalid(Invalid(unchecked, at=((1, 7),), why="an unchecked branch"), "LL001")
