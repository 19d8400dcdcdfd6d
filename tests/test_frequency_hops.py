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
from leaklint.model.frequency import Evidence, Frequency
from leaklint.model.hook_calls import instance_closure_owner, once_per_instance_caller
from leaklint.syntax import Grammar, parse_best
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids


def _model(code: str, lang: str = "js") -> FileModel:
    source = textwrap.dedent(code).lstrip("\n").encode()
    tree, grammar = parse_best(source, Grammar.TYPESCRIPT if lang == "ts" else Grammar.JAVASCRIPT)
    return FileModel(f"case.{lang}", source, grammar, tree)


def _function(model: FileModel, name: str):
    return next(f for f in model.functions if f.name and f.name.rsplit(".", 1)[-1] == name)


# -- a. the callees of once-per-instance hooks -------------------------------------------------

VUE = """
export default {
  data() { return { n: 0 }; },
  created() { this.load(); this.start(); },
  watch: { n: 'refresh' },
  methods: {
    load() {},
    start() { this.schedule(); },
    schedule() { this.tick(); },
    tick() {},
    refresh() {},
    onClick() { this.refresh(); },
    poll() {},
  },
};
"""

CLASS = """
class Clock extends React.Component {
  constructor(props) { super(props); this.reset(); }
  componentDidMount() { this.start(); }
  componentDidUpdate() { this.redraw(); }
  start() { this.schedule(); }
  schedule() {}
  reset() {}
  redraw() {}
  stop() { this.halt(); }
  halt() {}
  render() { return this.halt.name; }
}
"""

ES5 = """
function Player(el) {
  this.el = el;
  this.prepare();
}
Player.prototype.prepare = function () {};
Player.prototype.play = function () { this.prepare(); };
"""

HOOK_CALLERS = [
    (VUE, "load", "created"),
    (VUE, "start", "created"),
    (VUE, "schedule", "created"),  # two hops: created → start → schedule
    (VUE, "tick", None),  # three hops is too far to follow
    (VUE, "refresh", None),  # also named by a `watch` string: called where the file cannot count
    (VUE, "poll", None),  # never called
    (CLASS, "start", "componentDidMount"),
    (CLASS, "schedule", "componentDidMount"),
    (CLASS, "reset", "constructor"),
    (CLASS, "redraw", None),  # componentDidUpdate runs on every update
    (CLASS, "halt", None),  # also mentioned outside a call (`this.halt.name`)
    (ES5, "prepare", None),  # the prototype's `play()` calls it too
]


@pytest.mark.parametrize(("code", "name", "hook"), HOOK_CALLERS, ids=[f"{c[1]}-{c[2]}" for c in HOOK_CALLERS])
def test_methods_called_only_from_a_once_per_instance_hook(code, name, hook):
    model = _model(code)
    found = once_per_instance_caller(model, _function(model, name))
    assert (found.name if found is not None else None) == hook


def test_an_es5_constructors_helper_called_only_from_it():
    model = _model(ES5.replace("Player.prototype.play = function () { this.prepare(); };", ""))
    found = once_per_instance_caller(model, _function(model, "prepare"))
    assert found is not None and found.name == "Player"


FREQUENCIES = [
    # a Vue method called only from `created()` runs once per mount, like the hook
    (VUE, "js", "start", Frequency.PER_EVENT, Evidence.SHAPE),
    (VUE, "js", "onClick", Frequency.REPEATED, Evidence.API),
    # a private helper of a singleton's constructor runs once
    (
        "class Store {\n  constructor() { this.boot(); }\n  private boot() {}\n}\nexport const store = new Store();",
        "ts", "boot", Frequency.ONCE, Evidence.TOP_LEVEL,
    ),
    # a public method of a plain class may be called from other files: still a class method
    (
        "class Store {\n  constructor() { this.boot(); }\n  boot() {}\n}\nexport const store = new Store();",
        "ts", "boot", Frequency.REPEATED, Evidence.API,
    ),
]


CLOSURE_METHODS = """
function Player(el) {
  var self = this;
  this.load = function (item) {};
  self.stop = function () {};
}
function render() { this.x = function () {}; }
"""

FREQUENCIES += [
    # an ES5 constructor's `this.m = function` is a method of each instance, like a prototype method
    (CLOSURE_METHODS, "js", "load", Frequency.REPEATED, Evidence.CLASS),
    (CLOSURE_METHODS, "js", "stop", Frequency.REPEATED, Evidence.CLASS),
    # of the single instance made at module level: callers elsewhere decide
    (CLOSURE_METHODS + "var player = new Player(document.body);", "js", "stop", Frequency.REPEATED, Evidence.API),
    # a lower-case function that sets a property on `this` is not taken for a constructor
    (CLOSURE_METHODS, "js", "x", Frequency.REPEATED, Evidence.API),
]


@pytest.mark.parametrize(("code", "lang", "name", "frequency", "evidence"), FREQUENCIES,
                         ids=[f"{c[2]}-{c[3].name}" for c in FREQUENCIES])
def test_hook_callees_run_as_often_as_the_hook(code, lang, name, frequency, evidence):
    model = _model(code, lang)
    fact = model.frequency(_function(model, name))
    assert (fact.frequency, fact.evidence) == (frequency, evidence), fact.reason


HOOK_INVALID = [
    Invalid(
        """
        export default {
          data() { return { jobs: [] }; },
          created() { this.refreshPeriodically(); },
          methods: {
            refreshPeriodically() {
              setInterval(() => { this.jobs = []; }, 3000);
            },
          },
        };
        """,
        at=((6, 7),),
        why="a Vue method called from created() starts an interval nothing clears: one more per mount",
        message_contains="on every mount",
    ),
    Invalid(
        """
        export default {
          data() { return { n: 0 }; },
          mounted() { this.start(); },
          methods: {
            start() { this.schedule(); },
            schedule() { setInterval(() => { this.n++; }, 1000); },
          },
        };
        """,
        at=((6, 18),),
        why="two hops from mounted(): still once per mount, and never cleared",
    ),
    Invalid(
        """
        class Clock extends React.Component {
          componentDidMount() { this.start(); }
          start() { this.setState({ timer: setInterval(() => this.tick(), 1000) }); }
          tick() {}
          render() { return null; }
        }
        """,
        at=((3, 36),),
        why="a handle kept in React state that nothing clears",
        message_contains="this.state.timer",
    ),
    Invalid(
        """
        class Clock extends React.Component {
          onClick() { this.setState({ timer: setInterval(() => this.tick(), 1000) }); }
          componentWillUnmount() { clearInterval(this.state.timer); }
          tick() {}
          render() { return null; }
        }
        """,
        at=((2, 38),),
        why="setState over a running handle on every click: the earlier timer can no longer be cleared",
        message_contains="overwrites",
    ),
    Invalid(
        """
        class Favicon extends React.Component {
          static update(instance) {
            clearInterval(instance.state.loop);
            const id = setInterval(() => instance.forceUpdate(), 100);
            instance.setState({ loop: id });
          }
          componentDidMount() { Favicon.update(this); }
          render() { return null; }
        }
        """,
        at=((4, 16),),
        why="kept in state through a local and cleared only outside teardown: it outlives unmount",
        message_contains="componentWillUnmount",
    ),
]

HOOK_INVALID += [
    Invalid(
        """
        class Clock extends React.Component {
          componentDidMount() {
            const intervalId = setInterval(() => this.tick(), 1000);
            this.setState({ intervalId });
          }
          tick() {}
          render() { return null; }
        }
        """,
        at=((3, 24),),
        why="a handle stored with the shorthand setState({ intervalId }) and never cleared",
        message_contains="never cleared",
    ),
]

HOOK_VALID = [
    Valid(
        """
        export default {
          data() { return { jobs: [] }; },
          created() { this.refreshPeriodically(); },
          destroyed() { clearInterval(this.interval); },
          methods: {
            refreshPeriodically() {
              this.interval = setInterval(() => { this.jobs = []; }, 3000);
            },
          },
        };
        """,
        why="this.x = setInterval() in a method only created() calls fills a fresh instance's slot: no overwrite",
    ),
    Valid(
        """
        export default {
          data() { return { n: 0 }; },
          mounted() { this.start(); },
          beforeDestroy() { clearInterval(this.timer); },
          methods: {
            start() { this.schedule(); },
            schedule() { this.timer = setInterval(() => { this.n++; }, 1000); },
          },
        };
        """,
        why="two hops from mounted(), cleared on the way out",
    ),
    Valid(
        """
        class Clock extends React.Component {
          componentDidMount() { this.setState({ timer: setInterval(() => this.tick(), 1000) }); }
          componentWillUnmount() { clearInterval(this.state.timer); }
          tick() {}
          render() { return null; }
        }
        """,
        why="a handle kept in React state and cleared by componentWillUnmount",
    ),
    Valid(
        """
        class Clock extends React.Component {
          onClick() {
            clearInterval(this.state.timer);
            this.setState({ timer: setInterval(() => this.tick(), 1000) });
          }
          componentWillUnmount() { clearInterval(this.state.timer); }
          tick() {}
          render() { return null; }
        }
        """,
        why="the state's previous handle is cleared before the new one is stored",
    ),
    Valid(
        """
        class Favicon extends React.Component {
          static update(instance) {
            clearInterval(instance.state.loop);
            const id = setInterval(() => instance.forceUpdate(), 100);
            instance.setState({ loop: id });
          }
          componentDidMount() { Favicon.update(this); }
          componentWillUnmount() { clearInterval(this.state.loop); }
          render() { return null; }
        }
        """,
        why="the state handle is cleared when the component unmounts",
    ),
]


HOOK_VALID += [
    Valid(
        """
        class Clock extends React.Component {
          componentDidMount() {
            const intervalId = setInterval(() => this.tick(), 1000);
            this.setState({ intervalId });
          }
          componentWillUnmount() { clearInterval(this.state.intervalId); }
          tick() {}
          render() { return null; }
        }
        """,
        why="the shorthand state handle is cleared by componentWillUnmount",
    ),
]


@pytest.mark.parametrize("case", HOOK_INVALID, ids=ids(HOOK_INVALID))
def test_hook_callee_intervals_are_reported(case):
    check_invalid(case, "LL004")


@pytest.mark.parametrize("case", HOOK_VALID, ids=ids(HOOK_VALID))
def test_hook_callee_intervals_look_alikes(case):
    check_valid(case, "LL004")


# -- b. handles in a constructor's closure ----------------------------------------------------------

CLOSURE_INVALID = [
    Invalid(
        """
        function VideoProvider(id) {
          var _buffer = -1;
          function _completeLoad() {
            _buffer = setInterval(_update, 100);
          }
          function _update() {}
          this.load = function (item) { _completeLoad(); };
          this.stop = function () { clearInterval(_buffer); };
        }
        module.exports = VideoProvider;
        """,
        at=((4, 15),),
        why="a helper every load() runs stores over the handle of the previous load",
        message_contains="overwrites `_buffer`",
    ),
    Invalid(
        """
        function Poller(url) {
          var timer;
          this.start = function () {
            timer = setInterval(function () { fetch(url); }, 1000);
          };
          this.stop = function () { clearInterval(timer); };
        }
        module.exports = Poller;
        """,
        at=((4, 13),),
        why="an instance method of an ES5 constructor overwrites its closure's handle",
    ),
    Invalid(
        """
        function Poller(url) {
          var timer;
          this.start = function () {
            timer = setInterval(function () { fetch(url); }, 1000);
          };
        }
        module.exports = Poller;
        """,
        at=((4, 13),),
        why="an instance method's handle kept in the closure and never cleared",
        message_contains="never cleared",
    ),
]

CLOSURE_VALID = [
    Valid(
        """
        function VideoProvider(id) {
          var _buffer = -1;
          function _completeLoad() {
            clearInterval(_buffer);
            _buffer = setInterval(_update, 100);
          }
          function _update() {}
          this.load = function (item) { _completeLoad(); };
          this.stop = function () { clearInterval(_buffer); };
        }
        module.exports = VideoProvider;
        """,
        why="the previous handle is cleared before the next is stored",
    ),
    Valid(
        """
        function Poller(url) {
          var timer;
          function begin() { timer = setInterval(function () { fetch(url); }, 1000); }
          begin();
          this.stop = function () { clearInterval(timer); };
        }
        module.exports = Poller;
        """,
        why="a helper only the constructor calls: once per instance, into that instance's variable",
    ),
    Valid(
        """
        export function handle(req, res) {
          let timer;
          function go() { timer = setInterval(() => res.write('.'), 1000); }
          go();
          req.on('close', () => clearInterval(timer));
        }
        """,
        why="a local of a request handler is fresh on every request: not an instance's slot",
    ),
]


@pytest.mark.parametrize("case", CLOSURE_INVALID, ids=ids(CLOSURE_INVALID))
def test_closure_handles_are_instance_slots(case):
    check_invalid(case, "LL004")


@pytest.mark.parametrize("case", CLOSURE_VALID, ids=ids(CLOSURE_VALID))
def test_closure_handle_look_alikes(case):
    check_valid(case, "LL004")


def test_constructor_closure_owner_needs_an_instance_method_on_the_way():
    model = _model(
        """
        function P() {
          function viaMethod() {}
          function onlyFromConstructor() {}
          onlyFromConstructor();
          this.run = function () { viaMethod(); };
        }
        function helper() {}
        function notAConstructor() { function inner() {} inner(); this.x = 1; }
        """
    )
    owner = instance_closure_owner(model, _function(model, "viaMethod"))
    assert owner is not None and owner.name == "P"
    assert instance_closure_owner(model, _function(model, "onlyFromConstructor")) is None
    assert instance_closure_owner(model, _function(model, "inner")) is None


# -- c. one-shot guards --------------------------------------------------------------------

GUARD_VALID = [
    Valid(
        """
        let firstTime = true;
        module.exports = (req, res, next) => {
          if (firstTime) {
            firstTime = false;
            setInterval(() => {}, 1000);
          }
          next();
        };
        """,
        why="the positive form: a flag that starts true and the block sets to false (rsdcs)",
    ),
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
        let dirty = false;
        module.exports = (req, res, next) => {
          dirty = true;
          if (dirty) {
            dirty = false;
            setInterval(() => {}, 1000);
          }
          next();
        };
        """,
        at=((6, 5),),
        why="a dirty flag set true again on every call is no one-shot guard",
    ),
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
