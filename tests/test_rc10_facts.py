"""Facts from the session-8 reading of pm2's agent (docs/real-code.md, "Sixth round"): table tests of both signs."""

import shutil
from pathlib import Path

import pytest

from tests.ruletest import project_findings

PROJECTS = Path(__file__).resolve().parent / "projects"


def _findings(root: Path, files: dict[str, str] | None = None) -> list[tuple[str, int, str]]:
    return sorted((f["path"], f["line"], f["rule"]) for f in project_findings(root, files))


# -- a timer kept in a field of an instance that another file clears ---------------------------------


def test_a_field_timer_cleared_by_the_owner_of_the_instance_in_another_file_is_quiet():
    # `clearInterval(this._cacheFS._worker)` where `this._cacheFS = new Utility.Cache(…)`: the Cache's sweep
    # timer is stopped by the interactor; the Meter's timer, cleared through the wrong field, stays reported.
    assert _findings(PROJECTS / "field-timer-cleared-elsewhere") == [("utility.js", 33, "LL004")]


def test_a_field_timer_cleared_through_a_field_that_may_hold_another_object_is_reported(tmp_path):
    # `this._cacheFS = transport.cache || new Utility.Cache(…)`: what is cleared need not be a Cache made here.
    shutil.copytree(PROJECTS / "field-timer-cleared-elsewhere", tmp_path, dirs_exist_ok=True)
    interactor = (tmp_path / "interactor.js").read_text()
    made = "this._cacheFS = new Utility.Cache("
    assert made in interactor
    files = {"interactor.js": interactor.replace(made, "this._cacheFS = transport.cache || new Utility.Cache(")}
    assert _findings(tmp_path, files) == [("utility.js", 12, "LL004"), ("utility.js", 33, "LL004")]


_POLLER = """
class Poller {
  constructor () { this.handle = setInterval(() => this.poll(), 1000) }
  poll () {}
}
module.exports = { Poller }
"""


@pytest.mark.parametrize(
    "path, user, reported",
    [
        # a const holding `new Poller()` and a field only ever set to one: both are Pollers
        ("app.js", "const { Poller } = require('./poller')\nmodule.exports = function watch () {\n"
                   "  const p = new Poller()\n  return () => clearInterval(p.handle)\n}\n", False),
        ("app.js", "const { Poller } = require('./poller')\nclass App {\n  constructor () { this.p = new Poller() }\n"
                   "  close () { clearInterval(this.p.handle); this.p = null }\n}\nmodule.exports = App\n", False),
        # look-alikes: another field, an object of unknown class, a clear only a test makes
        ("app.js", "const { Poller } = require('./poller')\nmodule.exports = function watch () {\n"
                   "  const p = new Poller()\n  return () => clearInterval(p.timer)\n}\n", True),
        ("app.js", "const { Poller } = require('./poller')\nmodule.exports = (p) => clearInterval(p.handle)\n", True),
        ("test/poller.test.js", "const { Poller } = require('../poller')\nconst p = new Poller()\n"
                                "afterAll(() => clearInterval(p.handle))\n", True),
    ],
)
def test_a_field_timer_cleared_on_an_instance_of_its_class_elsewhere(tmp_path, path, user, reported):
    found = [f for f in _findings(tmp_path, {"poller.js": _POLLER, path: user}) if f[0] == "poller.js"]
    assert bool(found) is reported, found


# -- an overwrite in a class no file of the project loads ----------------------------------------------

_AGGREGATOR = """
const { EventEmitter } = require('events')
class TransactionAggregator extends EventEmitter {
  constructor () { super(); this._worker = undefined }
  init (sendInterval) {
    this._worker = setInterval(() => this.emit('packet', {}), sendInterval || 30000)
  }
  destroy () { if (this._worker !== undefined) clearInterval(this._worker) }
}
module.exports = { TransactionAggregator }
"""


@pytest.mark.parametrize(
    "base, user, confidence",
    [
        # nothing imports the file or makes one: whether init() runs twice on one instance is a guess
        ("const { EventEmitter } = require('events')", "module.exports = () => 1\n", "medium"),
        ("const EventEmitter = require('node:events')", "module.exports = () => 1\n", "medium"),
        # a framework's subclass is the framework's to make, as often as it decides
        ("const { EventEmitter } = require('some-framework')", "module.exports = () => 1\n", "high"),
        # an importer that calls init() per request on its one instance: stated, so high
        ("const { EventEmitter } = require('events')",
         "const { TransactionAggregator } = require('./aggregator')\nconst agg = new TransactionAggregator()\n"
         "require('http').createServer((req, res) => { agg.init(1000); res.end() }).listen(80)\n", "high"),
    ],
)
def test_an_overwrite_in_a_class_nothing_loads_is_a_guess(tmp_path, base, user, confidence):
    aggregator = _AGGREGATOR.replace("const { EventEmitter } = require('events')", base)
    found = [
        (f["path"], f["rule"], f["confidence"])
        for f in project_findings(tmp_path, {"aggregator.js": aggregator, "server.js": user})
    ]
    assert found == [("aggregator.js", "LL004", confidence)]
