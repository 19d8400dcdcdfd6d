"""How often code runs when it is reached through `this`, a constructor's closure, a guard or an options object.

Round 4 of the fresh samples (tests/corpus/README.md) missed leaks, and
flagged a look-alike, for want of these facts:

- a method the file calls only from a once-per-instance lifecycle hook (Vue
  `created`/`mounted`, React `componentDidMount`, a constructor), directly or
  through one more method, runs as often as that hook;
- a timer handle kept in an ES5 constructor's closure variable or in React
  state (`this.setState({ id })`) is a slot of the instance, like `this.x`;
- `x === null || x === undefined`, `x == null` and `typeof x === 'undefined'`
  are one-shot guards like `!x`, and a guard covers callbacks that run where
  they are passed (`list.forEach(s => setInterval(…))`);
- an `on<Event>` callback option (`io.listen(server, { onClientConnect(c) {…} })`)
  is called back once per event.
"""

from __future__ import annotations

import textwrap

import pytest

from leaklint.model import FileModel
from leaklint.model.frequency import Frequency
from leaklint.syntax import Grammar, parse_best
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids


def _model(code: str, lang: str = "js") -> FileModel:
    source = textwrap.dedent(code).lstrip("\n").encode()
    tree, grammar = parse_best(source, Grammar.TYPESCRIPT if lang == "ts" else Grammar.JAVASCRIPT)
    return FileModel(f"case.{lang}", source, grammar, tree)


def _function(model: FileModel, name: str):
    return next(f for f in model.functions if f.name and f.name.rsplit(".", 1)[-1] == name)


# -- c. one-shot guards --------------------------------------------------------------------

GUARD_VALID = [
    Valid(
        """
        let io;
        module.exports = (req, res, next) => {
          if (io === null || io === undefined) {
            io = require('socket.io')(req.socket.server);
            setInterval(() => io.emit('tick'), 1000);
          }
          next();
        };
        """,
        why="x === null || x === undefined, assigned in the block: once per process",
    ),
    Valid(
        """
        let timer;
        module.exports = (req, res, next) => {
          if (timer == null) {
            timer = setInterval(() => {}, 1000);
          }
          next();
        };
        """,
        why="x == null, assigned in the block",
    ),
    Valid(
        """
        let started;
        module.exports = (req, res, next) => {
          if (typeof started === 'undefined') {
            started = Date.now();
            setInterval(() => {}, 1000);
          }
          next();
        };
        """,
        why="typeof x === 'undefined', assigned in the block",
    ),
    Valid(
        """
        let sampler;
        module.exports = (req, res, next) => {
          if (sampler !== undefined && sampler !== null) return next();
          sampler = {};
          setInterval(() => {}, 1000);
          next();
        };
        """,
        why="early return while x is set, then x assigned",
    ),
    Valid(
        """
        let started = false;
        module.exports = (config) => (req, res, next) => {
          if (!started) {
            started = true;
            config.spans.forEach((span) => {
              setInterval(() => span.points.shift(), span.interval * 1000);
            });
          }
          next();
        };
        """,
        why="the guard covers a forEach callback inside the guarded block",
    ),
]

GUARD_INVALID = [
    Invalid(
        """
        let io;
        let other;
        module.exports = (req, res, next) => {
          if (io === null || other === undefined) {
            io = {};
            setInterval(() => {}, 1000);
          }
          next();
        };
        """,
        at=((6, 5),),
        why="two different names tested: not a guard on the flag it sets",
    ),
    Invalid(
        """
        let timer;
        module.exports = (req, res, next) => {
          if (timer == null) {
            setInterval(() => {}, 1000);
          }
          next();
        };
        """,
        at=((4, 5),),
        why="x == null but the block never sets x: runs on every request",
    ),
    Invalid(
        """
        let io;
        module.exports = (req, res, next) => {
          if (io === undefined) {
            io = require('socket.io')(req.socket.server);
            io.on('connection', (socket) => {
              setInterval(() => socket.emit('tick'), 1000);
            });
          }
          next();
        };
        """,
        at=((6, 7),),
        why="a listener nested in the guarded block runs per connection: the guard does not cover it",
    ),
    Invalid(
        """
        let timer;
        module.exports = (req, res, next) => {
          if (timer == null) {
            timer = setInterval(() => {}, 1000);
          }
          res.on('close', () => { timer = null; });
          next();
        };
        """,
        at=((4, 13),),
        why="the flag is reset on every close: a lock, not a one-shot guard",
    ),
]


@pytest.mark.parametrize("case", GUARD_VALID, ids=ids(GUARD_VALID))
def test_one_shot_guard_forms(case):
    check_valid(case, "LL004")


@pytest.mark.parametrize("case", GUARD_INVALID, ids=ids(GUARD_INVALID))
def test_one_shot_guard_look_alikes(case):
    check_invalid(case, "LL004")


LISTENER_GUARD = """
let io;
module.exports = (req, res, next) => {
  if (GUARD) {
    io = require('socket.io')(req.socket.server);
    io.on('connection', (socket) => socket.emit('hello'));
  }
  next();
};
"""


@pytest.mark.parametrize(
    ("guard", "reported"),
    [
        ("io === null || io === undefined", False),
        ("io == null", False),
        ("typeof io === 'undefined'", False),
        ("!io", False),
        ("io === null || req.query.force", True),  # the other disjunct lets it run again
        ("io !== null", True),  # runs while set: not a guard
    ],
)
def test_one_shot_guard_forms_for_listeners(guard, reported):
    code = LISTENER_GUARD.replace("GUARD", guard)
    if reported:
        check_invalid(Invalid(code, at=((5, 5),), why=guard), "LL002")
    else:
        check_valid(Valid(code, why=guard), "LL002")


# -- the `on<Event>` callback options of a call ---------------------------------------------------

OPTION_FREQUENCY = [
    ("io.listen(server, { onClientConnect: function (client) {} });", "onClientConnect", Frequency.PER_EVENT),
    ("io.listen(server, { onClientMessage(message, client) {} });", "onClientMessage", Frequency.PER_EVENT),
    ("upload(file, { onProgress: (e) => {} });", "onProgress", Frequency.PER_EVENT),
    ("start({ onReady(app) {} });", "onReady", Frequency.ONCE),  # a set-up event: once
    ("start({ onInit(app) {} });", "onInit", Frequency.ONCE),
    ("start({ onion(layer) {} });", "onion", Frequency.ONCE),  # not an `on<Event>` name
    ("start({ onTick() {} });", "onTick", Frequency.ONCE),  # no parameter: the existing vocabulary's bar
]


@pytest.mark.parametrize(("code", "name", "frequency"), OPTION_FREQUENCY, ids=[c[1] for c in OPTION_FREQUENCY])
def test_event_callback_options_run_per_event(code, name, frequency):
    model = _model(code)
    function = next(f for f in model.functions if f.context and f.context[0] == "option" and f.context[3] == name)
    fact = model.frequency(function)
    assert fact.frequency is frequency, fact.reason


SOCKET_IO_0 = """
var clients = [];
io.listen(server, {
  onClientConnect: function (client) {
    clients.push(client);
  },
  onClientDisconnect: function (client) {
    REMOVE
  }
});
"""


def test_connect_option_stores_the_connection():
    check_invalid(
        Invalid(SOCKET_IO_0.replace("REMOVE", "console.log(client);"), at=((4, 5),),
                why="each connecting client is kept"),
        "LL003",
    )
    check_valid(
        Valid(SOCKET_IO_0.replace("REMOVE", "clients.splice(clients.indexOf(client), 1);"),
              why="taken out on disconnect"),
        "LL003",
    )
