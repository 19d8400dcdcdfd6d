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
"""

import json
import os
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
