"""Functions handed to callers outside the file (round 6, miss cause 1), and page-ready scopes (part of cause 2).

- model/handed_out.py: an exported function (or one returned to callers, a
  method of a returned or exported object, `module.exports.x = function`)
  whose callers the file does not show, that makes a new closure over its own
  arguments on each call and gives it to a long-lived receiver (LL002) or a
  module-level collection (LL001) with nothing in the file taking it back,
  leaves one closure per call: reported at medium confidence, the inference
  named.  Not for set-up names, functions the file or the project link shows
  run once, registrations on a parameter, closures that keep nothing of the
  call, or when a removal of that event on that receiver may match.
- LL002: a removal that passes the callback the added listener only wraps
  (`on(id, (a) => callback(a))` … `removeListener(id, callback)`) never
  matches, even beside a `removeAllListeners(id)` reset.
- Vue: an object literal with a set-up hook and a teardown hook is an options
  object (a mixin a plugin function returns for `Vue.mixin()`).
- Page-ready callbacks (`$(function () {…})`, `$(document).ready(…)`,
  `document.addEventListener('DOMContentLoaded', …)`) given at module level run
  once per page, and their locals live as long as the page, like module bindings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from leaklint import syntax
from leaklint.model import FileModel
from leaklint.model.handed_out import handed_out
from leaklint.model.lifetime import Lifetime
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run
from tests.test_project_link import findings_of

PROJECTS = Path(__file__).parent / "projects"


def _model(code: str, lang: str = "js") -> FileModel:
    source = code.encode()
    grammar = syntax.EXTENSION_GRAMMARS["." + lang]
    return FileModel(f"case.{lang}", source, grammar, syntax.parse(source, grammar))


def _function_named(model: FileModel, name: str):
    return next(f for f in model.functions if f.name == name)


# -- LL002: listeners -----------------------------------------------------------------------------

LL002_INVALID = [
    Invalid(
        """
        export const dragmove = function (target, handle) {
          handle.addEventListener('mousedown', () => start(target));
          document.addEventListener('mouseup', function () {
            stop(target);
          });
        };
        """,
        ((3, 3),),
        "a library entry point adds a document listener over its argument on every call",
        message_contains="each time it is called",
    ),
    Invalid(
        """
        const bus = new EventEmitter();
        module.exports.watch = function (key, callback) {
          bus.on('change', (changed) => {
            if (changed === key) callback();
          });
        };
        """,
        ((3, 3),),
        "module.exports.x = function: a listener per call on a module-level emitter",
    ),
    Invalid(
        """
        const events = new EventEmitter();
        export function store() {
          return {
            onUpdate(callback) {
              events.on('update', (state) => callback(state));
            },
          };
        }
        """,
        ((5, 7),),
        "a method of the object a factory returns: each subscription stays",
    ),
    Invalid(
        """
        const events = new EventEmitter();
        export function entity(id) {
          return (callback) => {
            function remove() {
              events.removeListener(id, callback);
            }
            events.on(id, (a, b) => callback(a, b, remove));
            return { remove };
          };
        }
        export function reset(id) {
          events.removeAllListeners(id);
        }
        """,
        ((7, 5),),
        "the remove() passes the callback the listener wraps; a removeAllListeners reset does not stand in",
        message_contains="never matches",
    ),
    Invalid(
        """
        import bus from './bus';
        export function attach(target) {
          bus.on('update', () => render(target));
        }
        """,
        ((3, 3),),
        "the same with an imported emitter: the file shows the receiver",
    ),
    Invalid(
        """
        export const trackScroll = (el) => {
          window.addEventListener('scroll', () => { el.classList.toggle('stuck', window.scrollY > 10); });
        };
        """,
        ((2, 3),),
        "an exported arrow: a window listener per element",
    ),
]

LL002_VALID = [
    Valid(
        """
        export const dragmove = function (target) {
          function onUp() { stop(target); }
          document.addEventListener('mouseup', onUp);
          return { remove() { document.removeEventListener('mouseup', onUp); } };
        };
        """,
        "the returned handle removes the listener",
    ),
    Valid(
        """
        const bus = new EventEmitter();
        export function watch(key, callback) {
          const listener = (changed) => { if (changed === key) callback(); };
          bus.on('change', listener);
          return () => bus.off('change', listener);
        }
        """,
        "returns an unsubscribe that removes the same function",
    ),
    Valid(
        """
        export function whenReady(target) {
          document.addEventListener('visibilitychange', () => show(target), { once: true });
        }
        """,
        "{ once: true } removes it after it fires",
    ),
    Valid(
        """
        export function initTooltips(root) {
          document.addEventListener('mouseover', (e) => hover(root, e));
        }
        export function setupDrag(target) {
          document.addEventListener('mouseup', () => stop(target));
        }
        export function registerShortcut(key, fn) {
          window.addEventListener('keydown', (e) => { if (e.key === key) fn(); });
        }
        """,
        "set-up names run once",
    ),
    Valid(
        """
        export function dragmove(target) {
          document.addEventListener('mouseup', () => stop(target));
        }
        dragmove(document.getElementById('panel'));
        """,
        "the file calls it once at module level",
    ),
    Valid(
        """
        export function bindClose(dialog, onClose) {
          dialog.addEventListener('close', () => onClose(dialog));
        }
        """,
        "the receiver is a parameter: it dies with what the caller gave",
    ),
    Valid(
        """
        export function logClicks(label) {
          document.addEventListener('click', () => console.log('clicked'));
        }
        """,
        "the listener keeps nothing of the call",
    ),
    Valid(
        """
        function onUp() { stop(); }
        export function dragmove(target) {
          document.addEventListener('mouseup', onUp);
        }
        """,
        "the same module-level function every call: no closure per call",
    ),
    Valid(
        """
        const bus = new EventEmitter();
        export function watch(key, callback) {
          bus.on('change', (changed) => { if (changed === key) callback(); });
        }
        export function unwatchAll() {
          bus.removeAllListeners('change');
        }
        """,
        "a removal of that event on that receiver exists: no positive evidence",
    ),
    Valid(
        """
        export function attach(target) {
          bus.on('update', () => target.refresh());
        }
        """,
        "an undeclared receiver is itself an inference: two guesses are not evidence",
    ),
    Valid(
        """
        const handlers = {
          attach(el) {
            document.addEventListener('click', () => el.focus());
          },
        };
        handlers.attach(document.body);
        """,
        "an object literal that is not handed out",
    ),
]


@pytest.mark.parametrize("case", LL002_INVALID, ids=ids(LL002_INVALID))
def test_ll002_handed_out_invalid(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", LL002_VALID, ids=ids(LL002_VALID))
def test_ll002_handed_out_valid(case):
    check_valid(case, "LL002")


def test_handed_out_finding_names_the_inference_and_is_medium():
    findings = run(LL002_INVALID[0].code, "LL002")
    assert [f.confidence for f in findings] == ["medium"]
    notes = " ".join(r.message for r in findings[0].related)
    assert "is exported, so its callers are outside this file" in notes
    assert "keeps that call's `target`" in notes


# -- LL001: module collections ----------------------------------------------------------------------

LL001_INVALID = [
    Invalid(
        """
        let callbacks = [];
        document.addEventListener('mousemove', (e) => { for (const cb of callbacks) cb(e.clientX, e.clientY); });
        export const dragmove = function (target) {
          callbacks.push(function move(x, y) {
            target.style.left = x + 'px';
          });
        };
        """,
        ((1, 5),),
        "every call pushes a closure over its element onto a module-level array",
        message_contains="keeps its `target`",
    ),
    Invalid(
        """
        const watchers = new Set();
        exports.watch = function (el, fn) {
          const check = () => fn(el.value);
          watchers.add(check);
        };
        """,
        ((1, 7),),
        "a closure declared in the call, added to a module-level Set",
    ),
]

LL001_VALID = [
    Valid(
        """
        const callbacks = new Set();
        export const dragmove = function (target) {
          const move = (x) => { target.style.left = x + 'px'; };
          callbacks.add(move);
          return () => callbacks.delete(move);
        };
        """,
        "the returned disposer deletes it",
    ),
    Valid(
        """
        const plugins = [];
        export function use(plugin) {
          plugins.push(plugin);
        }
        export function add(item) {
          plugins.push(item);
        }
        """,
        "the caller's own value, not a closure made per call (a registry API)",
    ),
    Valid(
        """
        const hooks = [];
        export function installHook(name, fn) {
          hooks.push(() => fn(name));
        }
        """,
        "a set-up name",
    ),
    Valid(
        """
        const hooks = [];
        export function addHook(fn) {
          hooks.push(() => fn());
        }
        addHook(() => save());
        addHook(() => flush());
        """,
        "called only at module level in the file",
    ),
]


@pytest.mark.parametrize("case", LL001_INVALID, ids=ids(LL001_INVALID))
def test_ll001_handed_out_invalid(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", LL001_VALID, ids=ids(LL001_VALID))
def test_ll001_handed_out_valid(case):
    check_valid(case, "LL001")


HANDED_OUT = [
    # (code, function name, expected answer)
    ("export function f(a) {}", "f", "exported"),
    ("export function initThing(a) {}", "initThing", None),
    ("export function f() {}", "f", None),  # no per-call value to keep
    ("function f(a) {}\nf(1);", "f", None),  # called once at top level
    ("function f(a) {}\nmodule.exports = { f };", "f", "exported"),
    ("module.exports.f = function f(a) {};", "f", "assigned to `module.exports.f`"),
    ("app.get('/', function f(req, res) {});", "f", None),  # a handler: the file shows how often
]


@pytest.mark.parametrize("code, name, expected", HANDED_OUT, ids=[c[0][:40] for c in HANDED_OUT])
def test_handed_out(code, name, expected):
    model = _model(code)
    assert handed_out(model, _function_named(model, name)) == expected


# -- the project link: an exported function the project calls once ------------------------------------

def test_exported_function_called_once_in_another_file_is_silent():
    assert findings_of("handed-out-called-once") == []
    # the library file alone is reported: the link's "called once at module level" is what silences it
    alone = (PROJECTS / "handed-out-called-once" / "lib" / "drag.js").read_text()
    assert sorted(f.rule for f in run(alone, "LL002") + run(alone, "LL001")) == ["LL001", "LL002"]


# -- Vue: an options object a function returns --------------------------------------------------------

VUE_INVALID = [
    Invalid(
        """
        import EventBus from 'vue-e-bus';
        export const register = (initial) => {
          return {
            beforeCreate() {
              EventBus.$on('permission-changed', (p) => { this.$forceUpdate(); });
            },
            destroyed() {
              EventBus.$off('permission-changed', (p) => { this.$forceUpdate(); });
            },
          };
        };
        """,
        ((5, 7),),
        "a mixin returned by a plugin function: set-up and teardown hooks make it an options object",
    ),
]

VUE_VALID = [
    Valid(
        """
        import EventBus from 'vue-e-bus';
        export const register = (initial) => {
          return {
            created() { EventBus.$on('permission-changed', this.onChange); },
            destroyed() { EventBus.$off('permission-changed', this.onChange); },
          };
        };
        """,
        "the teardown hook removes the same method",
    ),
    Valid(
        """
        import EventBus from 'vue-e-bus';
        export const register = () => {
          return {
            created() { EventBus.$on('permission-changed', () => refresh()); },
          };
        };
        """,
        "one hook alone is no options object, and the arrow keeps nothing of the call",
    ),
]


@pytest.mark.parametrize("case", VUE_INVALID, ids=ids(VUE_INVALID))
def test_vue_returned_options_invalid(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", VUE_VALID, ids=ids(VUE_VALID))
def test_vue_returned_options_valid(case):
    check_valid(case, "LL002")


# -- page-ready callbacks are module scope -----------------------------------------------------------

READY_INVALID = [
    Invalid(
        """
        $(function () {
          const seen = [];
          const socket = io();
          socket.on('message', function (m) {
            seen.push(m);
          });
        });
        """,
        ((2, 9),),
        "a local of the jQuery ready callback, grown by a socket handler",
        message_contains="page scope",
    ),
    Invalid(
        """
        $(document).ready(function () {
          var log = [];
          setInterval(function () { log.push(readSensor()); }, 1000);
        });
        """,
        ((2, 7),),
        "$(document).ready: grown by the page's interval",
    ),
    Invalid(
        """
        document.addEventListener('DOMContentLoaded', () => {
          const events = [];
          window.addEventListener('message', (e) => { events.push(e.data); });
        });
        """,
        ((2, 9),),
        "a DOMContentLoaded listener's local, grown per message",
    ),
]

READY_VALID = [
    Valid(
        """
        function boot() {
          $(function () {
            const seen = [];
            io().on('message', (m) => { seen.push(m); });
          });
        }
        """,
        "a ready callback inside a function is not the module's",
    ),
    Valid(
        """
        $('.item').each(function () {
          const seen = [];
          io().on('message', (m) => { seen.push(m); });
        });
        """,
        "a callback of another jQuery call runs per element",
    ),
    Valid(
        """
        $(function () {
          const seen = [];
          io().on('message', (m) => { seen.push(m); if (seen.length > 100) seen.shift(); });
        });
        """,
        "bounded by a size check",
    ),
]


@pytest.mark.parametrize("case", READY_INVALID, ids=ids(READY_INVALID))
def test_page_ready_local_invalid(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", READY_VALID, ids=ids(READY_VALID))
def test_page_ready_local_valid(case):
    check_valid(case, "LL001")


@pytest.mark.parametrize(
    "code, long_lived",
    [
        ("$(function () { const bus = new EventEmitter(); use(bus); });", True),
        ("jQuery(document).ready(function () { const bus = new EventEmitter(); use(bus); });", True),
        ("window.addEventListener('load', function () { const bus = new EventEmitter(); use(bus); });", True),
        ("$('.x').click(function () { const bus = new EventEmitter(); use(bus); });", False),
        ("el.addEventListener('load', function () { const bus = new EventEmitter(); use(bus); });", False),
    ],
)
def test_page_ready_binding_lifetime(code, long_lived):
    model = _model(code)
    use = model.source.index(b"use(bus)") + 4
    identifier = model.tree.root_node.descendant_for_byte_range(use, use + 3)
    fact = model.lifetime(identifier)
    assert (fact.lifetime is Lifetime.LONG_LIVED) == long_lived, fact.reason


# -- factories: what they register is the set-up of what they make ------------------------------------

FACTORY_VALID = [
    Valid(
        """
        module.exports = function logger(options) {
          const stream = options.stream || process.stdout;
          process.on('exit', () => stream.write('bye'));
          return function (req, res, next) { stream.write(req.url); next(); };
        };
        """,
        "a middleware factory returns the middleware",
    ),
    Valid(
        """
        export function createStore(reducer) {
          let state;
          window.addEventListener('storage', () => { state = reducer(state); });
          function getState() { return state; }
          return { getState };
        }
        """,
        "a store factory returns an object with methods",
    ),
]

FACTORY_INVALID = [
    Invalid(
        """
        module.exports = function (el) {
          window.addEventListener('resize', () => fit(el));
        };
        """,
        ((2, 3),),
        "module.exports = function: the package's entry point",
    ),
    Invalid(
        """
        export function onResize(el, fn) {
          function remove() { window.removeEventListener('scroll', fn); }
          window.addEventListener('resize', () => fn(el));
          return { remove };
        }
        """,
        ((3, 3),),
        "returning only a disposer (that removes something else) is no product",
    ),
]


@pytest.mark.parametrize("case", FACTORY_VALID, ids=ids(FACTORY_VALID))
def test_factory_valid(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", FACTORY_INVALID, ids=ids(FACTORY_INVALID))
def test_factory_invalid(case):
    check_invalid(case, "LL002")


INSTALLER_VALID = [
    Valid(
        """
        const pubsub = require('../pubsub');
        module.exports = function (Posts) {
          pubsub.on('post:edit', (pid) => Posts.clearCachedPost(pid));
          Posts.edit = async function (data) { return data; };
        };
        """,
        "an installer that puts methods on its argument (`require('./edit')(Posts)`)",
    ),
    Valid(
        """
        const pubsub = require('../pubsub');
        module.exports = function (opts) {
          const cache = { name: opts.name };
          pubsub.on(`${cache.name}:reset`, () => reset(cache));
          cache.get = function (key) { return key; };
          return cache;
        };
        """,
        "a factory that returns the object it made",
    ),
]


@pytest.mark.parametrize("case", INSTALLER_VALID, ids=ids(INSTALLER_VALID))
def test_installer_valid(case):
    check_valid(case, "LL002")


CAPTURE_CASES = [
    # (code, reported?) — the closure must keep the caller's argument, not only the call's own state
    ("""
     exports.worker = function (handle) {
       const monitoring = global.APPMETRICS_MONITOR;
       monitoring.on('cpu', (data) => { handle.debug('cpu'); handle.send({ cmd: 'cpu', data }); });
     };
     """, False),
    ("""
     exports.worker = function (handle) {
       const monitoring = global.APPMETRICS_MONITOR;
       monitoring.on('cpu', (data) => { handle.last = data; });
     };
     """, True),
    ("""
     export default function (Alpine) {
       let lastFocused;
       window.addEventListener('focusin', () => { lastFocused = document.activeElement; });
       Alpine.magic('focus', () => lastFocused);
     }
     """, False),
    ("""
     export function follow(target) {
       const box = target.getBoundingClientRect();
       window.addEventListener('scroll', () => place(box));
     }
     """, True),
]


@pytest.mark.parametrize("code, reported", CAPTURE_CASES, ids=["only the host handle's methods", "a property of the argument written", "plugin state only", "a local made from the argument"])
def test_closure_keeps_an_argument(code, reported):
    assert bool(run(code, "LL002")) == reported


def test_closure_returned_by_a_factory_the_file_calls_is_not_handed_out():
    code = """
    function run(n) {
      return function (done) {
        nodemon.on('start', () => nodemon.reset(done));
      };
    }
    const nodemon = require('nodemon');
    series(['a', 'b'].map(run));
    """
    assert run(code, "LL002") == []
    # the same factory exported: its callers are outside the file
    assert [f.rule for f in run(code.replace("function run(n)", "export function run(n)").replace("series(['a', 'b'].map(run));", ""), "LL002")] == ["LL002"]
