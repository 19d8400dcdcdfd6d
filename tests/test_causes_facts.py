"""Round-7/8 miss causes that stayed after the s9 branches (s10-causes).

Each model fact with cases of both signs, through the rule that reads it:

- ``looped_callbacks``: a callback a function calls once per item (in its
  read loop, through a local helper, or handed on to such a function, in the
  file or across files) repeats what it does: a `res.write()` there ignores
  backpressure like one in the loop itself (LL006, round 8's portos);
- ``timer_loops.self_scheduling_sites`` with AngularJS's injected `$timeout`:
  a function that re-arms itself with `$timeout(poll, ms)` (or
  `this.$timeout(…)` in a class) runs on every tick (frequency, LL002 here;
  round 8's matomo re-fetches on such a loop);
- ES5 singletons (``collections._es5_single_instance``,
  ``frequency._from_es5_instance``): the fields of an ES5 class whose one
  instance is made at module level, and that the file uses for nothing else
  (no export, no subclass), live as long as the process, and its `F.prototype.m` runs as often as the
  file's handlers and timers call `inst.m()`, as for an ES2015 class (LL001,
  LL002; part of round 8's component-emitter, whose client is such a class);
- ``collections.es5_instance_path``: a per-call `.once()` on `this` of an ES5
  class is settled by the constructor's `self.emit(<computed>)` (LL002);
- ``eviction_reach.orphaning_reset``: a delete whose keys come from a slot
  array that another method wipes without emptying the collection (an LRU's
  `clear()` that forgets its index) bounds nothing (LL001, launchdarkly);
- the link's ``_constructor_of_unmade``: `new C()` in the constructor of a
  class the project never makes does not make `C` per call (LL001,
  launchdarkly's `ContextDeduplicator`).
"""

import json
import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import main
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

PROJECTS = Path(__file__).parent / "projects"

# -- callbacks called once per item (LL006) --------------------------------------------------------

READER = """
    const express = require('express');
    const app = express();
    async function readLines({ url, onLine }) {
      const response = await fetch(url);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const consume = (line) => {
        if (!line) return;
        onLine(line);
      };
      while (true) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const line of decoder.decode(value).split('\\n')) consume(line);
      }
    }
    """

ROUTE = """
    app.post('/stream', async (req, res) => {
      const send = (frame) => {
        res.write(JSON.stringify(frame) + '\\n');
      };
      await CALL;
      res.end();
    });
    """


def _route(call: str, prefix: str = READER) -> str:
    return prefix + ROUTE.replace("CALL", call)


EACH = """
    const express = require('express');
    const app = express();
    function each(rows, fn) {
      for (const row of rows) fn(row);
    }
    app.get('/export', (req, res) => {
      each(req.body.rows, (row) => { res.write(row.csv); });
      res.end();
    });
    """

ONCE = """
    const express = require('express');
    const app = express();
    async function readAll({ url, onDone }) {
      const response = await fetch(url);
      onDone(await response.text());
    }
    """

FIXED = """
    const express = require('express');
    const app = express();
    function three(fn) {
      for (let i = 0; i < 3; i++) fn(i);
    }
    """

RETRY = """
    const express = require('express');
    const app = express();
    async function retry(fn, attempts) {
      for (let i = 0; i < attempts; i++) {
        try { return await fn(); } catch (err) { if (i === attempts - 1) throw err; }
      }
    }
    """

PACED = """
    const express = require('express');
    const app = express();
    async function poll({ onTick }) {
      while (true) {
        onTick(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    """

DRAINED = READER + """
    app.post('/stream', async (req, res) => {
      await readLines({ url: req.body.url, onLine: (line) => {
        if (!res.write(line + '\\n')) req.pause();
      } });
      res.end();
    });
    """

LL006_INVALID = [
    Invalid(_route("readLines({ url: req.body.url, onLine: (line) => send({ line }) })"), at=((20, 5),),
            why="an option callback the read loop calls through a local helper"),
    Invalid(_route(
        "run({ url: req.body.url, onToken: (t) => send({ t }) })",
        READER + "async function run({ url, onToken }) { await readLines({ url, onLine: (l) => onToken?.(l) }); }\n",
    ), at=((21, 5),), why="handed on: the option wraps another function's looped callback"),
    Invalid(_route(
        "run({ url: req.body.url, onToken: (t) => send({ t }) })",
        READER + "async function run({ url, onToken }) { await readLines({ url, onLine: onToken }); }\n",
    ), at=((21, 5),), why="handed on: the parameter itself is the other function's looped option"),
    Invalid(EACH, at=((7, 34),), why="a positional callback a for-of loop calls once per row"),
]

LL006_VALID = [
    Valid(_route("readAll({ url: req.body.url, onDone: (text) => send({ text }) })", ONCE),
          why="a callback called once, after the whole body is read"),
    Valid(_route("three((i) => send({ i }))", FIXED), why="a loop with a fixed number of rounds"),
    Valid(_route("retry(() => send({ at: Date.now() }), req.body.attempts)", RETRY),
          why="a retry loop returns on the first call that succeeds"),
    Valid(_route("poll({ onTick: (at) => send({ at }) })", PACED), why="a loop that sleeps between calls"),
    Valid(DRAINED, why="the callback acts on write()'s false"),
    Valid(_route("readLines({ url: req.body.url, onLine: (line) => console.log(line) })"),
          why="the looped callback writes nothing; the stream is written once"),
]


@pytest.mark.parametrize("case", LL006_INVALID, ids=ids(LL006_INVALID))
def test_looped_callback_invalid(case):
    check_invalid(case, "LL006")


@pytest.mark.parametrize("case", LL006_VALID, ids=ids(LL006_VALID))
def test_looped_callback_valid(case):
    check_valid(case, "LL006")


def _project_findings(root: Path, *paths: str) -> list[dict]:
    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["--format", "json", "--isolated", *(paths or ["."])], catch_exceptions=False)
    finally:
        os.chdir(old)
    return json.loads(result.output)["findings"]


def test_a_callback_an_imported_function_loops_over_is_reported_medium_with_the_loop():
    findings = [f for f in _project_findings(PROJECTS / "looped-callback-stream") if f["rule"] == "LL006"]
    assert [(f["path"], f["line"]) for f in findings] == [("routes/stream.js", 8)]
    finding = findings[0]
    assert finding["confidence"] == "medium"
    assert "`complete()` calls once per item (services/completions.js:16)" in finding["message"]


COLLECTED = """export async function complete({ url, onToken }) {
  const response = await fetch(url);
  const reader = response.body.getReader();
  const parts = [];
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  onToken(Buffer.concat(parts).toString());
}

export async function completeOnce({ url, onDone }) {
  onDone(await (await fetch(url)).text());
}
"""


def test_a_callback_handed_across_files_is_quiet_when_the_callee_calls_it_once(tmp_path):
    (tmp_path / "routes").mkdir()
    (tmp_path / "services").mkdir()
    route = (PROJECTS / "looped-callback-stream" / "routes" / "stream.js").read_text()
    (tmp_path / "routes" / "stream.js").write_text(route)
    (tmp_path / "services" / "completions.js").write_text(COLLECTED)  # the loop collects; onToken runs after it
    assert [f for f in _project_findings(tmp_path) if f["rule"] == "LL006"] == []


# -- `$timeout` loops (frequency) -------------------------------------------------------------------

POLLER = """
    angular.module('app').factory('poller', ['$rootScope', '$http', '$timeout', function ($rootScope, $http, $timeout) {
      function poll() {
        $http.get('/status').then(function (response) {
          $rootScope.$on('status:seen', function () { console.log(response.data); });
        }).finally(function () {
          RESCHEDULE
        });
      }
      poll();
      return {};
    }]);
    """

POLLER_CLASS = """
    class StatusPoller {
      static $inject = ['$timeout'];
      constructor(private $timeout: any) {
        this.poll();
      }
      poll() {
        document.addEventListener('keyup', () => console.log('key'));
        RESCHEDULE
      }
    }
    angular.module('app').service('statusPoller', StatusPoller);
    """

TIMEOUT_INVALID = [
    Invalid(POLLER.replace("RESCHEDULE", "$timeout(poll, 5000);"), at=((4, 7),),
            why="an injected $timeout re-arming the poll after each response", message_contains="on every timer tick"),
    Invalid(POLLER.replace("RESCHEDULE", "$timeout(function () { poll(); }, 5000);"), at=((4, 7),),
            why="a $timeout callback that calls the poll again"),
    Invalid(POLLER_CLASS.replace("RESCHEDULE", "this.$timeout(() => this.poll(), 5000);"), at=((7, 5),), lang="ts",
            why="this.$timeout in a class that has it injected", message_contains="on every timer tick"),
]

TIMEOUT_VALID = [
    Valid(POLLER.replace("RESCHEDULE", "$timeout(function () { console.log('done'); }, 5000);"),
          why="a $timeout that does not call the poll again: the factory polls once"),
    Valid(POLLER.replace("RESCHEDULE", "").replace("    poll();\n", "    $timeout(poll, 5000);\n"),
          why="a $timeout that starts the poll once, from outside it"),
]


@pytest.mark.parametrize("case", TIMEOUT_INVALID, ids=ids(TIMEOUT_INVALID))
def test_timeout_loop_invalid(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", TIMEOUT_VALID, ids=ids(TIMEOUT_VALID))
def test_timeout_loop_valid(case):
    check_valid(case, "LL002")


# -- ES5 singletons ---------------------------------------------------------------------------------

STORE = """
    const express = require('express');
    const app = express();
    function Store() { this.items = {}; }
    Store.prototype.add = function (k, v) { this.items[k] = v; };
    MAKE
    app.get('/x', (req, res) => { store.add(req.query.id, Date.now()); res.end(); });
    """

ES5_LL001_INVALID = [
    Invalid(STORE.replace("MAKE", "const store = new Store();"), at=((3, 33),),
            why="an ES5 class's one module-level instance keeps its field for the life of the process",
            message_contains="of the single instance of `Store` created at module level grows in `Store.prototype.add()` on every request"),
    Invalid(STORE.replace("MAKE", "const store = new Store();\n    Store.prototype.size = function () { return 0; };\n"
                          "    require('util').inherits(Store, require('events').EventEmitter);"), at=((3, 33),),
            why="more prototype methods and inheriting from a base are the class's own uses"),
]

ES5_LL001_VALID = [
    Valid(STORE.replace("MAKE", "const store = new Store();\n    module.exports = Store;"),
          why="the class is exported: other code may make more instances"),
    Valid(STORE.replace("MAKE", "const store = new Store();\n    const other = new Store();"), why="two instances"),
    Valid(STORE.replace("MAKE", "const store = new Store();\n    function Tagged() { Store.call(this); }\n"
                        "    require('util').inherits(Tagged, Store);"),
          why="a subclass: its instances get the field too"),
    Valid(STORE.replace("MAKE", "").replace("{ store.add(", "{ const store = new Store(); store.add("),
          why="an instance made per request dies with it"),
]


@pytest.mark.parametrize("case", ES5_LL001_INVALID, ids=ids(ES5_LL001_INVALID))
def test_es5_singleton_invalid(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", ES5_LL001_VALID, ids=ids(ES5_LL001_VALID))
def test_es5_singleton_valid(case):
    check_valid(case, "LL001")


KEYS = """
    function Keys() { this.count = 0; }
    Keys.prototype.watch = function () {
      document.addEventListener('keyup', () => { this.count += 1; });
    };
    const keys = new Keys();
    CALLER
    """


def test_an_es5_singletons_method_runs_as_often_as_the_timer_that_calls_it():
    check_invalid(Invalid(KEYS.replace("CALLER", "setInterval(() => keys.watch(), 1000);"), at=((3, 3),),
                          why="called on the single instance from a timer", message_contains="on every timer tick"), "LL002")


def test_an_es5_singletons_method_called_once_stays_quiet():
    check_valid(Valid(KEYS.replace("CALLER", "keys.watch();"), why="called once at start-up"), "LL002")


RPC = """
    function Bridge(port) {
      var self = this;
      this.seq = 0;
      port.addEventListener('message', function (e) {
        EMIT
      });
      this.port = port;
    }
    require('util').inherits(Bridge, require('events').EventEmitter);
    Bridge.prototype.ask = function (what, cb) {
      var n = ++this.seq;
      this.once('answer-' + n, cb);
      this.port.postMessage({ n: n, what: what });
    };
    var bridge = new Bridge(new MessageChannel().port1);
    setInterval(function () { bridge.ask('ping', function () {}); }, 5000);
    """


def test_a_per_call_once_an_es5_class_settles_through_self_is_quiet():
    check_valid(Valid(RPC.replace("EMIT", "self.emit('answer-' + e.data.n, e.data.value);"),
                      why="the constructor's `self.emit` fires every per-call event"), "LL002")


def test_a_per_call_once_nothing_in_the_file_fires_is_reported():
    check_invalid(Invalid(RPC.replace("EMIT", "self.emit('message', e.data);"), at=((12, 3),),
                          why="only a fixed event is emitted", message_contains="named by a counter"), "LL002")


# -- a reset that orphans the keys a removal takes from its slots (LL001) ---------------------------

LRU = """
    export class Lru {
      private keys: Array<string | undefined>;
      private index: Map<string, number> = new Map();
      private head = 0;
      private size = 0;
      constructor(private max: number) { this.keys = new Array(max); }
      set(key: string) {
        let at = this.index.get(key);
        if (at === undefined) {
          at = this.size === this.max ? this.evict() : this.size++;
          this.keys[at] = key;
          this.index.set(key, at);
        }
      }
      clear() {
        RESET
      }
      private evict(): number {
        const k = this.keys[this.head];
        this.index.delete(k!);
        return this.head;
      }
    }
    """

ORPHAN_INVALID = [
    Invalid(LRU.replace("RESET", "this.size = 0; this.keys.fill(undefined);"), at=((3, 40),), lang="ts",
            why="clear() wipes the slots the eviction reads its keys from, not the index"),
    Invalid(LRU.replace("RESET", "this.size = 0; this.keys = new Array(this.max);"), at=((3, 40),), lang="ts",
            why="clear() replaces the slot array"),
]

ORPHAN_VALID = [
    Valid(LRU.replace("RESET", "this.size = 0; this.keys.fill(undefined); this.index.clear();"), lang="ts",
          why="clear() empties the index too"),
    Valid(LRU.replace("RESET", "this.size = 0;"), lang="ts", why="no method wipes the slots"),
    Valid(LRU.replace("  clear() {\n        RESET\n      }\n", "").replace(
        "const k = this.keys[this.head];", "const k = this.keys[this.head];\n        this.keys[this.head] = undefined;"),
        lang="ts", why="only the removal's own method empties a slot, after reading its key"),
    Valid(LRU.replace("RESET", "this.size = 0; this.keys.fill(undefined);").replace(
        "this.index.delete(k!);", "this.index.delete(k!);\n        if (this.index.size > this.max) this.index.clear();"),
        lang="ts", why="a size check bounds the index anyway"),
]


@pytest.mark.parametrize("case", ORPHAN_INVALID, ids=ids(ORPHAN_INVALID))
def test_orphaning_reset_invalid(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", ORPHAN_VALID, ids=ids(ORPHAN_VALID))
def test_orphaning_reset_valid(case):
    check_valid(case, "LL001")


def test_the_finding_names_the_removal_the_reset_orphans():
    from tests.ruletest import run

    findings = run(LRU.replace("RESET", "this.keys.fill(undefined);"), "LL001", "ts")
    assert len(findings) == 1 and findings[0].confidence == "medium"
    notes = [r.message for r in findings[0].related]
    assert any("slots another method wipes" in n for n in notes), notes


# -- a class made only in the constructor of a class nobody makes (the link) ------------------------

OWNER_TS = """import { Lru } from './lru';

export default class Deduplicator {
  private seen: Lru;
  constructor(max: number) {
    this.seen = new Lru(max);
  }
  check(key: string): void {
    this.seen.set(key);
  }
}
"""


@pytest.mark.parametrize(("made", "reported"), [
    ("", True),  # nobody makes a Deduplicator: how long its Lru lives no file shows
    ("import Deduplicator from './owner';\nexport function handle(req: any) { new Deduplicator(10).check(req.url); }\n", False),
])
def test_a_cache_made_in_the_constructor_of_a_class_nobody_makes(tmp_path, made, reported):
    (tmp_path / "lru.ts").write_text(textwrap.dedent(LRU.replace("RESET", "this.keys.fill(undefined);")).lstrip())
    (tmp_path / "owner.ts").write_text(OWNER_TS)
    if made:
        (tmp_path / "route.ts").write_text(made)
    found = [(f["path"], f["rule"]) for f in _project_findings(tmp_path) if f["rule"] == "LL001"]
    assert found == ([("lru.ts", "LL001")] if reported else [])
