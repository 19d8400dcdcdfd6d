"""Model facts added for the second round of fresh corpus cases (issue 7, s3-corpus2), both signs each.

- a UMD factory (`(function (root, factory) { module.exports = factory() }(this, function () { … }))`)
  and a top-level TypeScript namespace body run once: their bindings are module bindings;
- `(function () { … }())` (the call inside the parentheses) is a top-level IIFE too;
- the `componentDidMount` of a React class spec or mixin object runs on every mount;
- a same-file helper that builds `{ id: n++ }` and returns its `id` hands out a counter;
- writing at an array's `length` (`a[pos] = v` with `pos = other.length`) appends to it;
- a listener kept in a collection and removed by reading it back from that collection is removed;
- `nodeName` / `localName` / `timeZone` keys come from fixed vocabularies.
"""

import pytest

from leaklint import syntax
from leaklint.model import FileModel
from leaklint.model.shape import is_top_level_iife, module_like_scopes
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids


def _model(code: str, lang: str = "js") -> FileModel:
    source = code.encode()
    grammar = syntax.EXTENSION_GRAMMARS["." + lang]
    return FileModel(f"case.{lang}", source, grammar, syntax.parse(source, grammar))


# -- module-like scopes -----------------------------------------------------------------------

UMD = """
(function (root, factory) {
  if (typeof exports === 'object') module.exports = factory();
  else root.Lib = factory();
}(this, function () {
  var registry = [];
  return { add: function (x) { registry.push(x); } };
}));
"""

NOT_CALLED = """
(function (root, later) {
  root.onReady = later;
}(this, function () {
  var registry = [];
  return registry;
}));
"""


def _registry_scope_is_module_like(code: str, lang: str = "js") -> bool:
    model = _model(code, lang)
    binding = next(b for b in model.scopes.bindings if b.name == "registry")
    return any(binding.scope is scope for scope in module_like_scopes(model))


def test_umd_factory_called_by_its_wrapper_is_module_scope():
    assert _registry_scope_is_module_like(UMD)


def test_function_passed_to_an_iife_that_never_calls_it_is_not_module_scope():
    assert not _registry_scope_is_module_like(NOT_CALLED)


def test_iife_with_the_call_inside_the_parentheses_is_top_level():
    model = _model("(function () { var registry = []; }());")
    assert any(is_top_level_iife(model, f) for f in model.functions)


def test_iife_inside_a_function_is_not_top_level():
    model = _model("function outer() { (function () { var registry = []; }()); }")
    inner = [f for f in model.functions if f.name is None]
    assert inner and not any(is_top_level_iife(model, f) for f in inner)


def test_top_level_namespace_body_is_module_scope():
    assert _registry_scope_is_module_like("namespace sdk { let registry: number[] = []; }", "ts")


def test_block_inside_a_function_is_not_module_scope():
    assert not _registry_scope_is_module_like("function f() { { let registry: number[] = []; } }", "ts")


# -- LL001 --------------------------------------------------------------------------------------

LL001_INVALID = [
    Invalid(
        """
        (function (root, factory) {
          module.exports = factory();
        }(this, function () {
          var mounted = [];
          return {
            componentDidMount: function () { mounted.push(this); },
            componentWillUnmount: function () {},
          };
        }));
        """,
        at=((4, 7),),
        why="React mixin in a UMD factory: componentDidMount pushes every mounted component",
        message_contains="on every mount",
    ),
    Invalid(
        """
        const handlers = [];
        const components = [];
        module.exports = createReactClass({
          componentDidMount() {
            const pos = components.length;
            handlers[pos] = this.onDocumentClick;
          },
          render() { return null; },
        });
        """,
        at=((1, 7),),
        why="writing at another array's length appends: handlers grows on every mount",
    ),
    Invalid(
        """
        namespace sdk {
          let nextId = 0;
          let callbacks: { [id: number]: Function } = {};
          export function getContext(callback: Function): void {
            const id = send('getContext');
            callbacks[id] = callback;
          }
          function send(func: string): number {
            const request = { id: nextId++, func };
            window.parent.postMessage(request, '*');
            return request.id;
          }
        }
        """,
        at=((3, 7),),
        why="namespace-level callbacks keyed by the id a helper takes from a counter",
        lang="ts",
        message_contains="top-level namespace",
    ),
]

LL001_VALID = [
    Valid(
        """
        const mounted = [];
        module.exports = {
          componentDidMount: function () { mounted.push(this); },
        };
        """,
        why="an object with a componentDidMount member and nothing else of a React spec is not known to be one",
    ),
    Valid(
        """
        const handlers = [];
        const components = [];
        module.exports = createReactClass({
          componentDidMount() { handlers[0] = this.onDocumentClick; },
          render() { return null; },
        });
        """,
        why="writing at a literal index overwrites one slot",
    ),
    Valid(
        """
        namespace sdk {
          let callbacks: { [id: string]: Function } = {};
          export function getContext(callback: Function): void {
            const id = send('getContext');
            callbacks[id] = callback;
          }
          function send(func: string): string {
            const request = { id: 'context', func };
            return request.id;
          }
        }
        """,
        why="a helper returning the id of a literal object hands out a constant",
        lang="ts",
    ),
    Valid(
        """
        (function () {
          var displays = {};
          window.displayOf = function (elem) {
            var nodeName = elem.nodeName;
            if (!displays[nodeName]) displays[nodeName] = compute(elem);
            return displays[nodeName];
          };
        }());
        """,
        why="a cache keyed by an element's nodeName is bounded by the tag names",
    ),
]


@pytest.mark.parametrize("case", LL001_INVALID, ids=ids(LL001_INVALID))
def test_ll001_invalid(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", LL001_VALID, ids=ids(LL001_VALID))
def test_ll001_valid(case):
    check_valid(case, "LL001")


# -- LL002 --------------------------------------------------------------------------------------

KEPT = """
const components = [];
const handlers = [];
module.exports = {{
  componentDidMount: function () {{
    const fn = (evt) => this.handleClickOutside(evt);
    document.addEventListener('mousedown', fn);
    const pos = components.length;
    components.push(this);
    handlers[pos] = fn;
  }},
  componentWillUnmount: function () {{
    const pos = components.indexOf(this);
    const fn = {source}[pos];
    document.removeEventListener('mousedown', fn);
  }},
}};
"""

LL002_VALID = [
    Valid(KEPT.format(source="handlers"), why="the removal reads the listener back from the array it was kept in"),
]

LL002_INVALID = [
    Invalid(
        KEPT.format(source="components"),
        at=((6, 5),),
        why="the removal reads another array, so it removes a component, not the listener",
    ),
]


@pytest.mark.parametrize("case", LL002_VALID, ids=ids(LL002_VALID))
def test_ll002_valid(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", LL002_INVALID, ids=ids(LL002_INVALID))
def test_ll002_invalid(case):
    check_invalid(case, "LL002")


# -- LL004 --------------------------------------------------------------------------------------

PING = """
exports.setupWSConnection = (conn, req) => {{
  let pongReceived = true
  conn.on('close', () => {{
    closeConn(conn){close_clear}
  }})
  const pingInterval = setInterval(() => {{
    if (!pongReceived) {{
      clearInterval(pingInterval)
    }} else {{
      pongReceived = false
      conn.ping()
    }}
  }}, 30000)
  conn.on('pong', () => {{ pongReceived = true }})
}}
"""

LL004_INVALID = [
    Invalid(
        PING.format(close_clear=""),
        at=((6, 24),),
        why="per-connection interval cleared only from its own callback, beside a 'close' listener that does not clear it",
        message_contains="cleared only from its own callback",
    ),
    Invalid(
        """
        function setupConnection(socket) {
          setInterval(() => socket.ping(), 1000);
        }
        module.exports = setupConnection;
        """,
        at=((2, 3),),
        why="set-up of one connection (named for it, given one) runs once per connection",
    ),
]

LL004_VALID = [
    Valid(PING.format(close_clear="\n    clearInterval(pingInterval)"), why="the 'close' listener clears the interval too"),
    Valid(
        """
        exports.handle = (req, res) => {
          const poll = setInterval(() => {
            if (job.done) { clearInterval(poll); res.end(); }
          }, 100);
        };
        """,
        why="a per-request poll that clears itself, with no closing listener to say the author expected a close",
    ),
    Valid(
        """
        engine.on('connection', (conn) => {
          let sent = 0;
          const interval = setInterval(() => {
            sent++;
            conn.send(sent);
            if (50 === sent) clearInterval(interval);
          }, 2);
          conn.on('close', () => log('closed'));
        });
        """,
        why="a self-clear under a counter the callback steps itself comes for sure, close or not",
    ),
    Valid(
        """
        function setupRoutes(app) {
          setInterval(() => app.emit('tick'), 1000);
        }
        module.exports = setupRoutes;
        """,
        why="set-up named and given no connection or request: assumed to run once",
    ),
    Valid(
        """
        function setup(socket) {
          setInterval(() => socket.ping(), 1000);
        }
        module.exports = setup;
        """,
        why="a bare setup(socket) does not say it sets up a connection: assumed to run once",
    ),
]


@pytest.mark.parametrize("case", LL004_INVALID, ids=ids(LL004_INVALID))
def test_ll004_invalid(case):
    check_invalid(case, "LL004")


@pytest.mark.parametrize("case", LL004_VALID, ids=ids(LL004_VALID))
def test_ll004_valid(case):
    check_valid(case, "LL004")


MONITOR = """
function startMonitoring(name, monitored) {{
{before}  monitored[name] = {{}};
{after}  monitored[name].timer = setInterval(() => poll(name), 60000);
}}
function stopMonitoring(name, monitored) {{
  clearInterval(monitored[name].timer);
  delete monitored[name];
}}
module.exports = {{ startMonitoring, stopMonitoring }};
"""

HOLDER_INVALID = [
    Invalid(
        MONITOR.format(before="", after="  clearInterval(monitored[name].timer);\n"),
        at=((4, 27),),
        why="the clear reads the field of the fresh object that just replaced the holder: it stops nothing",
        message_contains="overwrites",
    ),
]

HOLDER_VALID = [
    Valid(
        MONITOR.format(before="  if (monitored[name]) clearInterval(monitored[name].timer);\n", after=""),
        why="the old timer is cleared before its holder is replaced",
    ),
    Valid(
        MONITOR.format(before="", after=""),
        why="no clear between replacement and store: nothing says the slot held a live timer",
    ),
]


@pytest.mark.parametrize("case", HOLDER_INVALID, ids=ids(HOLDER_INVALID))
def test_ll004_replaced_holder_invalid(case):
    check_invalid(case, "LL004")


@pytest.mark.parametrize("case", HOLDER_VALID, ids=ids(HOLDER_VALID))
def test_ll004_replaced_holder_valid(case):
    check_valid(case, "LL004")


RECONNECT = """
var Client = function (server) {{
  this.server = server;
}};
Client.prototype.connect = function () {{
  var onConnected = {callback};
  this.con = setInterval(function () {{
    require('net').connect({{ host: 'x' }}, {passed});
  }}, 2000);
}};
module.exports = Client;
"""

THIS_INVALID = [
    Invalid(
        RECONNECT.format(callback="function () { clearInterval(this.con); }", passed="onConnected"),
        at=((6, 14),),
        why="the clear reads this.con in a plain callback, whose this is the socket, not the client",
        message_contains="never cleared",
    ),
]

THIS_VALID = [
    Valid(
        RECONNECT.format(callback="function () { clearInterval(this.con); }", passed="onConnected.bind(this)"),
        why="the callback is bound to the client, so its this.con is the handle",
    ),
    Valid(
        RECONNECT.format(callback="() => { clearInterval(this.con); }", passed="onConnected"),
        why="an arrow callback sees the method's this",
    ),
]


@pytest.mark.parametrize("case", THIS_INVALID, ids=ids(THIS_INVALID))
def test_ll004_other_this_invalid(case):
    check_invalid(case, "LL004")


@pytest.mark.parametrize("case", THIS_VALID, ids=ids(THIS_VALID))
def test_ll004_other_this_valid(case):
    check_valid(case, "LL004")


def test_var_function_constructor_with_prototype_methods_is_an_es5_class():
    from leaklint.model.shape import es5_class_binding

    model = _model("var Client = function () {}; Client.prototype.connect = function () {};")
    method = next(f for f in model.functions if f.name == "Client.prototype.connect")
    assert es5_class_binding(model, method) is not None


def test_var_holding_a_non_function_is_not_an_es5_class():
    from leaklint.model.shape import es5_class_binding

    model = _model("var Client = makeClient(); Client.prototype.connect = function () {};")
    method = next(f for f in model.functions if f.name == "Client.prototype.connect")
    assert es5_class_binding(model, method) is None
