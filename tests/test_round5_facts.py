"""Model facts for the round-5 miss causes (tests/corpus/README.md, "Round 5", causes 1 and 2).

- project link: `new F(…)` of an ES5 constructor function (imported, or of
  the same file) runs F's body, as a call does, so F runs as often as the
  code that makes the instances; `F.create()` on an imported function is
  its function-valued property; a constructor made only by code the link
  shows to run once runs once;
- removals: a removal in a function its enclosing function returns (a
  disposer, `return () => m.delete(k)`) runs when the entry ends, so it
  bounds a cache filled from other files like a close listener does;
- project link: a class instantiated several times (up to eight), each by
  code that runs once (`const a = new C(); const b = new C();` at module
  level), has a fixed set of long-lived instances: each one's fields live
  as long as the process;
- frequency: a method of a class whose instances are all module-level
  `const x = new C()` of the same file runs at least as often as the
  handler or timer of the file that calls `x.method()`;
- frequency: the `GET`/`POST`/… export of a file-based route module
  (Next.js App Router `app/**/route.ts`, SvelteKit `routes/**/+server.ts`)
  is a request handler, as sure as an express route;
- project summary: a receiver whose class is stated through a parameter's
  type (`store: BodyStore<T>`, `{ store }: Deps`, `const { store } = deps`
  with `interface Deps { store: BodyStore<T> }` in the file) is an instance
  of that class, so `store.keep()` from a route carries the route's
  frequency into `BodyStore.keep`;
- frequency: a method of a long-lived instance's class called as
  `this.poll()` from a timer or listener callback inside the class runs
  as often as that callback;
- lifetime: `try { this.socket = new WebSocket(u) } catch { …; return }`
  before a use makes `this.socket` the fresh object at the use, as a plain
  assignment does;
- frequency (inferred, medium): a method of the object given to
  `contextBridge.exposeInMainWorld(name, {...})` (or
  `exposeInIsolatedWorld`, directly or through a `const`) runs on every
  renderer call; a function given as a JSX lifecycle prop (`didMount`,
  `didUpdate`, `componentDidMount`, `componentDidUpdate`) runs on every mount.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import main

PROJECTS = Path(__file__).parent / "projects"


def run_json(*args: str, cwd: Path) -> list[dict]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["--format", "json", "--isolated", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return json.loads(result.output)["findings"]


def located(findings: list[dict], rule: str = "LL001") -> set[tuple[str, int]]:
    return {(f["path"], f["line"]) for f in findings if f["rule"] == rule}


# -- (1) constructor frequency across files --------------------------------------------------

# (project, file, line, reported with the whole project, reported with the file alone)
CONSTRUCTOR_CASES = [
    # `Session.open()` per connection does `new Session()`, whose body calls `stores.storeFor()`
    ("es5-constructor-per-connection", "lib/stores.js", 1, True, False),
    # `new Upload()` per connection, imported: the constructor's growth is per connection
    ("es5-constructor-per-connection", "lib/upload.js", 1, True, True),
    # the same files, every instance made once at module level: nothing repeats
    ("es5-constructor-once", "lib/stores.js", 1, False, False),
    ("es5-constructor-once", "lib/upload.js", 1, False, True),
    # `new Session()` only from `Session.open()`, called once from another file: the constructor runs once
    ("es5-constructor-once", "lib/session.js", 3, False, True),
]


@pytest.mark.parametrize(("project", "path", "line", "reported", "alone"), CONSTRUCTOR_CASES)
def test_a_constructor_run_with_new_from_another_file_runs_as_often_as_its_caller(project, path, line, reported, alone):
    root = PROJECTS / project
    assert ((path, line) in located(run_json(".", cwd=root))) is reported
    assert ((path, line) in located(run_json(path, cwd=root))) is alone


def test_the_chain_walks_through_the_constructor():
    findings = run_json(".", cwd=PROJECTS / "es5-constructor-per-connection")
    finding = next(f for f in findings if f["path"] == "lib/stores.js")
    messages = [r["message"] for r in finding["related"]]
    assert any("Session.open" in m for m in messages)
    assert any("new Session(user, id)" in m for m in messages)
    assert "on every connection" in finding["message"]


def test_a_constructor_made_per_connection_and_once_elsewhere_keeps_repeating(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(PROJECTS / "es5-constructor-per-connection", root)
    (root / "lib" / "boot.js").write_text("var Session = require('./session');\nmodule.exports = Session.open('a', 'b');\n")
    assert ("lib/stores.js", 1) in located(run_json(".", cwd=root))


# -- (1b) a returned disposer is the entry's lifecycle -------------------------------------

_RELEASE = """Session.prototype.release = function () {
  var user = this.user;
  var id = this.id;
  return function () {
    delete sessionsByUser[user][id];"""

# `release()` of lib/session.js as each case writes it
DISPOSERS = [
    # a returned closure, run by the caller when the session ends (socket 'close'): bounded
    (_RELEASE, False),
    # the same removal kept as a method of the instance, for callers to name: only when asked
    (
        """Session.prototype.release = function () {
  var user = this.user;
  var id = this.id;
  this.drop = function () {
    delete sessionsByUser[user][id];""",
        True,
    ),
]


@pytest.mark.parametrize(("release", "reported"), DISPOSERS)
def test_a_removal_in_a_returned_disposer_bounds_the_cache(tmp_path, release, reported):
    root = tmp_path / "p"
    shutil.copytree(PROJECTS / "es5-constructor-per-connection", root)
    session = root / "lib" / "session.js"
    text = session.read_text()
    assert _RELEASE in text
    session.write_text(text.replace(_RELEASE, release))
    assert (("lib/session.js", 3) in located(run_json(".", cwd=root))) is reported


# -- (2) several module-level instances; same-file instance methods ---------------------------

INSTANCE_VARIANTS = [
    # three module-level instances, methods called from routes in another file: each instance's Map grows
    (None, None, True),
    # one more instance made per request in the route file: the instances are not a fixed set
    (
        "router.get('/vehicles/:id', async (req, res) => {",
        "router.get('/vehicles/:id', async (req, res) => {\n  new TtlCache(1).set(req.params.id, true);",
        False,
    ),
    # nine module-level instances: more than a fixed handful, left unknown
    (
        "const callsigns = new TtlCache(3600000);",
        "const callsigns = new TtlCache(3600000);\n" + "".join(f"const extra{i} = new TtlCache(1);\n" for i in range(6)),
        False,
    ),
]


@pytest.mark.parametrize(("old", "new", "reported"), INSTANCE_VARIANTS)
def test_several_module_level_instances_each_live_as_long_as_the_process(tmp_path, old, new, reported):
    root = tmp_path / "p"
    shutil.copytree(PROJECTS / "several-instances-route", root)
    if old is not None:
        target = root / ("routes/live.js" if "router" in old else "lib/lookups.js")
        text = target.read_text()
        assert old in text
        if "router" in old:
            text = "const { TtlCache } = require('../lib/ttl-cache');\n" + text
        target.write_text(text.replace(old, new))
    findings = run_json(".", cwd=root)
    assert (("lib/ttl-cache.js", 4) in located(findings)) is reported
    if reported:
        message = next(f["message"] for f in findings if f["path"] == "lib/ttl-cache.js")
        assert "each instance of `TtlCache` (3 instances, each created once" in message
    assert ("lib/ttl-cache.js", 4) not in located(run_json("lib", cwd=root))


_SAME_FILE_CACHE = """const express = require('express');
const app = express();

class TtlCache {
  constructor(ttl) {
    this.ttl = ttl;
    this.entries = new Map();
  }
  get(key) {
    return this.entries.get(key);
  }
  set(key, value) {
    this.entries.set(key, { value, at: Date.now() });
  }
}

const cache = new TtlCache(1000);
%s
app.listen(3000);
"""

SAME_FILE_CALLERS = [
    # a route of the same file calls the module-level instance's method: per request
    ("app.get('/stop', async (req, res) => {\n  cache.set(req.query.id, await fetch(req.query.id));\n  res.end();\n});", True),
    # a timer of the file: on every tick
    ("setInterval(() => { cache.set(String(Date.now()), 1); }, 1000);", True),
    # called once at start-up: bounded by the calls the file makes
    ("cache.set('boot', Date.now());", False),
    # from a function nobody in the file is shown to call repeatedly
    ("function warm(key) { cache.set(key, 1); }\nmodule.exports = { warm };", False),
    # a route of the file calls another method (a read): the growing method is not called from it
    ("app.get('/stop', (req, res) => res.json(cache.get(req.query.id)));", False),
]


@pytest.mark.parametrize(("caller", "reported"), SAME_FILE_CALLERS)
def test_a_module_level_instances_method_runs_as_often_as_its_callers_in_the_file(tmp_path, caller, reported):
    (tmp_path / "server.js").write_text(_SAME_FILE_CACHE % caller)
    findings = run_json("server.js", cwd=tmp_path)
    assert (("server.js", 7) in located(findings)) is reported


# -- (4) file-based route modules ------------------------------------------------------------

ROUTE_MODULES = [
    ("app/api/visits/route.ts", True),
    ("src/app/(site)/visits/route.ts", True),
    ("src/routes/visits/+server.ts", True),
    # the same export anywhere else is only shaped like a route (inferred, and the link does not start there)
    ("app/api/visits/handler.ts", False),
    ("lib/route.ts", False),
]


@pytest.mark.parametrize(("path", "reported"), ROUTE_MODULES)
def test_the_method_exports_of_a_file_based_route_module_are_request_handlers(tmp_path, path, reported):
    root = tmp_path / "p"
    shutil.copytree(PROJECTS / "app-router-route", root)
    route = root / "app/api/visits/route.ts"
    depth = len(Path(path).parts) - 1
    text = route.read_text().replace("../../../lib/visits", "/".join([".."] * depth) + "/lib/visits" if depth else "./lib/visits")
    if path.startswith("lib/"):
        text = text.replace("/".join([".."] * depth) + "/lib/visits", "./visits")
    route.unlink()
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text)
    assert (("lib/visits.ts", 6) in located(run_json(".", cwd=root))) is reported


# -- (3) an instance reached through a typed parameter ---------------------------------------

_DESTRUCTURED = "export function registerProxy(app: Express, path: string, deps: ProxyDeps): void {\n  const { store, upstream } = deps;\n"

TYPED_PARAMETERS = [
    # `const { store } = deps` of `deps: ProxyDeps`, whose `store` is a `BodyStore<unknown>`
    (_DESTRUCTURED, None, True),
    # the parameter destructured in place
    ("export function registerProxy(app: Express, path: string, { store, upstream }: ProxyDeps): void {\n", None, True),
    # renamed in the pattern (`bodies.keep()`)
    ("export function registerProxy(app: Express, path: string, deps: ProxyDeps): void {\n"
     "  const { store: bodies, upstream } = deps;\n  const store = bodies;\n", ("store.keep(", "bodies.keep("), True),
    # an alias of the destructured name is not followed: the receiver stays unknown
    ("export function registerProxy(app: Express, path: string, deps: ProxyDeps): void {\n"
     "  const { store: bodies, upstream } = deps;\n  const store = bodies;\n", None, False),
    # the instance itself as a parameter of a generic class type
    ("export function registerProxy(app: Express, path: string, deps: ProxyDeps, store: BodyStore<unknown> = deps.store): void {\n"
     "  const { upstream } = deps;\n", None, True),
    # a field typed with a union: the class is not stated alone, the receiver stays unknown
    (_DESTRUCTURED, ("readonly store: BodyStore<unknown>;", "readonly store: BodyStore<unknown> | Map<string, unknown>;"), False),
    # the route only reads: the growing method is called from no handler
    (_DESTRUCTURED, ("store.keep(key, body);", "void body;"), False),
]


@pytest.mark.parametrize(("header", "edit", "reported"), TYPED_PARAMETERS)
def test_a_method_called_on_a_typed_parameter_field_carries_the_routes_frequency(tmp_path, header, edit, reported):
    root = tmp_path / "p"
    shutil.copytree(PROJECTS / "typed-deps-route", root)
    route = root / "routes" / "proxy.ts"
    text = route.read_text()
    assert _DESTRUCTURED in text
    text = text.replace(_DESTRUCTURED, header)
    if edit is not None:
        assert edit[0] in text
        text = text.replace(*edit)
    route.write_text(text)
    findings = run_json(".", cwd=root)
    assert (("store.ts", 2) in located(findings)) is reported
    assert ("store.ts", 2) not in located(run_json("store.ts", "app.ts", cwd=root))


_TIMER_CLASS = """class Poller {
  constructor() {
    this.seen = {};
    %s
  }
  poll() {
    fetchOffers().then((offers) => {
      offers.forEach((offer) => { this.seen[offer.id] = offer.state; });
    });
  }
}
module.exports = %s;
"""

THIS_CALLS = [
    # the single module-level instance's own interval calls `this.poll()`: on every tick
    ("setInterval(() => this.poll(), 1000);", "new Poller()", True),
    # a listener of a long-lived emitter, registered by the instance
    ("process.on('message', () => this.poll());", "new Poller()", True),
    # called once from the constructor: once per instance
    ("this.poll();", "new Poller()", False),
    # instances made by whoever imports the class: their lifetime is not shown
    ("setInterval(() => this.poll(), 1000);", "Poller", False),
]


@pytest.mark.parametrize(("start", "exported", "reported"), THIS_CALLS)
def test_a_singletons_method_runs_as_often_as_its_own_timer_or_listener_calls_it(tmp_path, start, exported, reported):
    (tmp_path / "poller.js").write_text(_TIMER_CLASS % (start, exported))
    assert (("poller.js", 3) in located(run_json("poller.js", cwd=tmp_path))) is reported


_RECONNECT = """const app = require('express')();

class Client {
  start() {
    try {
      this.socket = new WebSocket('wss://example.test/stream');
    } catch (err) {
      console.error(err);
      %s
    }
    this.socket.addEventListener('message', (event) => console.log(event.data));
  }
}

const client = new Client();
app.get('/reconnect', (req, res) => {
  client.start();
  res.end();
});
"""

FRESH_IN_TRY = [
    # the catch leaves the function: past the try, `this.socket` is the socket this call made
    ("return;", False),
    ("throw err;", False),
    # the catch falls through: `this.socket` may still be the old socket, which gets one more listener
    ("", True),
]


@pytest.mark.parametrize(("catch_end", "reported"), FRESH_IN_TRY)
def test_a_field_set_to_a_new_object_in_a_try_whose_catch_leaves_is_fresh(tmp_path, catch_end, reported):
    (tmp_path / "client.js").write_text(_RECONNECT % catch_end)
    assert (("client.js", 11) in located(run_json("client.js", cwd=tmp_path), "LL002")) is reported


# -- (5) methods exposed to the renderer through contextBridge -------------------------------

_ON_CHANGED = "whenDataChanges: (callback) => {\n    ipcRenderer.on('data:changed', () => callback());\n  }"
_ON_CHANGED_WITH_REMOVER = (
    "whenDataChanges: (callback) => {\n    const handler = () => callback();\n    ipcRenderer.on('data:changed', handler);\n"
    "    return () => ipcRenderer.removeListener('data:changed', handler);\n  }"
)

PRELOADS = [
    # a method of the object passed to exposeInMainWorld: every renderer call adds a listener
    ("contextBridge.exposeInMainWorld('api', {\n  %s,\n});" % _ON_CHANGED, True),
    # nested one level down, and as a shorthand method
    ("contextBridge.exposeInMainWorld('api', {\n  data: {\n    %s,\n  },\n});" % _ON_CHANGED, True),
    ("contextBridge.exposeInMainWorld('api', {\n  whenDataChanges(callback) {\n    ipcRenderer.on('data:changed', () => callback());\n  },\n});", True),
    # the object kept in a const first, and the isolated-world form (the object is the third argument)
    ("const api = {\n  %s,\n};\ncontextBridge.exposeInMainWorld('api', api);" % _ON_CHANGED, True),
    ("contextBridge.exposeInIsolatedWorld(1, 'api', {\n  %s,\n});" % _ON_CHANGED, True),
    # the method returns the remover the renderer's effect can return: bounded
    ("contextBridge.exposeInMainWorld('api', {\n  %s,\n});" % _ON_CHANGED_WITH_REMOVER, False),
    # an object given to something else, or kept and never exposed: how often it runs is not shown
    ("bridge.exposeInMainWorld('api', {\n  %s,\n});" % _ON_CHANGED, False),
    ("const api = {\n  %s,\n};\nmodule.exports = api;" % _ON_CHANGED, False),
]


@pytest.mark.parametrize(("body", "reported"), PRELOADS)
def test_methods_exposed_through_the_context_bridge_run_per_renderer_call(tmp_path, body, reported):
    (tmp_path / "preload.js").write_text("const { contextBridge, ipcRenderer } = require('electron');\n\n" + body + "\n")
    findings = [f for f in run_json("preload.js", cwd=tmp_path) if f["rule"] == "LL002"]
    assert bool(findings) is reported
    if reported:
        assert findings[0]["confidence"] == "medium"
        assert "exposed to the renderer" in " ".join(r["message"] for r in findings[0]["related"])


# -- (5b) lifecycle callbacks handed to a component as JSX props ----------------------------

_LIFECYCLE = """import React from "react";
import Component from "@reach/component-component";

let didMount = ({ refs, setState }) => {
  let resize = () => setState({ width: window.innerWidth });
  window.addEventListener("resize", resize);
  refs.removeEvent = () => {
    %s
  };
};

let willUnmount = ({ refs }) => {
  refs.removeEvent();
};

export default ({ children }) => (
  <Component refs={{}} %s willUnmount={willUnmount} render={({ state }) => children(state)} />
);
"""

LIFECYCLE_PROPS = [
    # the mount callback given as `didMount`: every mount adds a listener the unmount never removes
    ("", "didMount={didMount}", True),
    ("", "componentDidMount={didMount}", True),
    # the unmount callback removes it: bounded
    ('window.removeEventListener("resize", resize);', "didMount={didMount}", False),
    # given under a prop that is no lifecycle: when the component calls it is not shown
    ("", "setup={didMount}", False),
]


@pytest.mark.parametrize(("unmount", "prop", "reported"), LIFECYCLE_PROPS)
def test_functions_given_as_jsx_lifecycle_props_run_per_mount(tmp_path, unmount, prop, reported):
    (tmp_path / "size.jsx").write_text(_LIFECYCLE % (unmount, prop))
    findings = [f for f in run_json("size.jsx", cwd=tmp_path) if f["rule"] == "LL002"]
    assert bool(findings) is reported
    if reported:
        assert "on every mount" in findings[0]["message"]


def test_an_inline_lifecycle_prop_runs_per_mount(tmp_path):
    source = _LIFECYCLE % ("", "didMount={didMount}")
    source = source.replace("didMount={didMount}", 'didMount={() => window.addEventListener("scroll", () => {})}')
    (tmp_path / "size.jsx").write_text(source)
    lines = {f["line"] for f in run_json("size.jsx", cwd=tmp_path) if f["rule"] == "LL002"}
    assert 17 in lines


_RECONNECTING = """const net = require('net');
const bus = require('./bus');

class Link {
  constructor() {
    this.connect();
    %s
  }
  connect() {
    this.socket = net.connect(7000);
    bus.on('stopped', () => this.socket.end());
    this.socket.on('close', () => this.connect());
  }
}
module.exports = new Link();
"""

RECONNECTS = [
    # `connect()` run again from its own socket's 'close' listener: a reconnect per lost socket, not per event
    ("", False),
    # the constructor's listener on a long-lived emitter calls it: on every such event
    ("process.on('SIGHUP', () => this.connect());", True),
]


@pytest.mark.parametrize(("extra", "reported"), RECONNECTS)
def test_a_method_rerun_from_its_own_callback_is_not_repeating_for_sure(tmp_path, extra, reported):
    (tmp_path / "link.js").write_text(_RECONNECTING % extra)
    (tmp_path / "bus.js").write_text("module.exports = new (require('events'))();\n")
    assert (("link.js", 11) in located(run_json("link.js", cwd=tmp_path), "LL002")) is reported


def test_listeners_and_timers_of_test_files_do_not_make_production_code_repeat(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(PROJECTS / "es5-constructor-per-connection", root)
    assert ("lib/stores.js", 1) in located(run_json(".", cwd=root))
    (root / "test").mkdir()
    (root / "lib" / "server.js").rename(root / "test" / "server.test.js")
    text = (root / "test" / "server.test.js").read_text().replace("'./", "'../lib/")
    (root / "test" / "server.test.js").write_text(text)
    assert ("lib/stores.js", 1) not in located(run_json(".", cwd=root))
