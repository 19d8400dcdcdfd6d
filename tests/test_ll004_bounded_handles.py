"""LL004: handles whose store or clear the model must see through a callback, a close path or a helper."""

import pytest

from tests.ruletest import run

RULE = "LL004"

_CONSTRUCTOR_CALLBACK = """
export class LatestBlocks {
  private reloadInterval: any;
  constructor(ngZone: any) {
    %WRAP%
  }
  load() {}
  ngOnDestroy() { clearInterval(this.reloadInterval); }
}
"""
_STORE = "this.reloadInterval = setInterval(() => this.load(), 30000);"


@pytest.mark.parametrize(
    "wrap, reported",
    [
        # an arrow its callee runs once, in the constructor: `this` is the new instance, nothing to overwrite
        ("ngZone.runOutsideAngular(() => { %S });", False),
        ("ngZone.run(() => { %S });", False),
        ("Promise.resolve().then(() => { %S });", False),
        ("new Promise((resolve) => { %S resolve(); });", False),
        ("setTimeout(() => { %S }, 10);", False),
        ("process.nextTick(() => { %S });", False),
        ("%S", False),
        # look-alikes: callbacks that may run many times on the one instance
        ("[1, 2].forEach(() => { %S });", True),
        ("ngZone.onStable.subscribe(() => { %S });", True),
        ("window.addEventListener('focus', () => { %S });", True),
        ("setInterval(() => { %S }, 1000);", True),
        ("db.run(() => { %S });", True),  # not a zone: how often it calls back is unknown
    ],
)
def test_a_store_in_a_run_once_callback_of_the_constructor_overwrites_nothing(wrap, reported):
    code = _CONSTRUCTOR_CALLBACK.replace("%WRAP%", wrap.replace("%S", _STORE))
    findings = run(code, RULE, lang="ts")
    assert bool(findings) is reported, [f.message for f in findings]


_SOCKET_KEEPALIVE = """
export default {
  data() { return { websocket: null }; },
  methods: {
    connect() {
      const ws = new WebSocket(this.url);
      const other = new WebSocket(this.url);
      ws.onopen = () => {
        %STORE%
        %CLOSE%
        this.websocket = ws;
      };
    },
  },
  mounted() { this.connect(); },
};
"""


@pytest.mark.parametrize(
    "store, close, reported",
    [
        # kept on the socket and cleared when that socket closes: the timer lives as long as the open socket
        ("ws.interval = setInterval(() => { ws.send(''); }, 30000);",
         "ws.onclose = () => { clearInterval(ws.interval); };", False),
        ("ws.interval = setInterval(() => ws.send(''), 30000);",
         "ws.addEventListener('close', () => clearInterval(ws.interval));", False),
        ("ws.interval = setInterval(() => ws.send(''), 30000);",
         "ws.onerror = () => { clearInterval(ws.interval); };", False),
        # look-alikes: the callback keeps the component too, another socket's close, a message handler
        ("ws.interval = setInterval(() => { ws.send(this.room); }, 30000);",
         "ws.onclose = () => { clearInterval(ws.interval); };", True),
        ("ws.interval = setInterval(() => { ws.send(''); }, 30000);",
         "other.onclose = () => { clearInterval(ws.interval); };", True),
        ("ws.interval = setInterval(() => { ws.send(''); }, 30000);",
         "ws.onmessage = () => { clearInterval(ws.interval); };", True),
        ("this.interval = setInterval(() => { ws.send(''); }, 30000);",
         "ws.onclose = () => { clearInterval(this.interval); };", True),
    ],
)
def test_a_component_timer_kept_on_its_socket_ends_when_that_socket_closes(store, close, reported):
    code = _SOCKET_KEEPALIVE.replace("%STORE%", store).replace("%CLOSE%", close)
    findings = run(code, RULE)
    assert bool(findings) is reported, [f.message for f in findings]


_SWEEPING_MAP = """
class ExpiringMap extends Map {
  constructor(interval) {
    super();
    %START%
  }
  purge() {}
  %MEMBER%
}
%USE%
module.exports = { ExpiringMap };
"""
_UNREF_CHAINED = "this.timer = setInterval(() => this.purge(), 1000).unref();"
_UNREF_LATER = "this.timer = setInterval(() => this.purge(), 1000);\n    if (this.timer.unref) this.timer.unref();"


@pytest.mark.parametrize(
    "start, member, use, reported",
    [
        # unref()'d in the constructor of a class with no way to stop: meant to run as long as the instance
        (_UNREF_CHAINED, "", "", False),
        (_UNREF_LATER, "", "", False),
        ("setInterval(() => this.purge(), 1000).unref();", "", "", False),
        (_UNREF_CHAINED, "get(key) { return super.get(key); }", "", False),
        (_UNREF_CHAINED, "", "const shared = new ExpiringMap(1000);", False),
        # look-alikes: not unref()'d, a stop that forgets it, instances made per request, a method not the constructor
        ("this.timer = setInterval(() => this.purge(), 1000);", "", "", True),
        (_UNREF_CHAINED, "close() { this.clear(); }", "", True),
        (_UNREF_CHAINED, "", "require('http').createServer((req, res) => { new ExpiringMap(10); res.end(); });", True),
        ("this.refresh();", "refresh() { this.timer = setInterval(() => this.purge(), 1000).unref(); }", "", False),
        ("this.refresh();",
         "refresh() { this.timer = setInterval(() => this.purge(), 1000).unref(); }\n  set(k, v) { this.refresh(); }",
         "", True),  # also run on every set(): not once per instance
        ("const other = setInterval(() => this.purge(), 1000);\n    this.timer = other;\n    this.other.unref();",
         "", "", True),  # the unref() is of another handle
    ],
)
def test_an_unrefd_interval_of_a_class_that_cannot_stop_lives_with_the_instance(start, member, use, reported):
    code = _SWEEPING_MAP.replace("%START%", start).replace("%MEMBER%", member).replace("%USE%", use)
    findings = run(code, RULE)
    assert bool(findings) is reported, [f.message for f in findings]


_ES5_ENDPOINT = """
module.exports = function (EventEmitter) {
  function Endpoint(options) {
    this.requests = {};
    this.timeoutInterval = setInterval(this.checkTimeouts.bind(this), 1000);
    %UNREF%
  }
  Endpoint.prototype.checkTimeouts = function () {};
  %MEMBER%
  return Endpoint;
};
"""


@pytest.mark.parametrize(
    "unref, member, reported",
    [
        ("if (this.timeoutInterval.unref) { this.timeoutInterval.unref(); }", "", False),
        ("", "", True),
        ("this.timeoutInterval.unref();", "Endpoint.prototype.destroy = function () { this.requests = {}; };", True),
    ],
)
def test_an_es5_constructor_that_cannot_stop_keeps_its_unrefd_interval(unref, member, reported):
    code = _ES5_ENDPOINT.replace("%UNREF%", unref).replace("%MEMBER%", member)
    findings = run(code, RULE)
    assert bool(findings) is reported, [f.message for f in findings]


_WS_SERVER = """\
import { handleClose } from './%HELPER%';

export function initialize(app: any) {
  app.ws.use(async (ctx: any) => {
    ctx.websocket.on('close', async () => {
      await handleClose(%ARGS%);
    });
    ctx.websocket.pingIntervalId = setInterval(() => ctx.websocket.send('ping'), 1000);
  });
}
"""
_HELPER = """\
export const handleClose = async (limiter: any, ctx: any) => {
  limiter.release(ctx);
  if (ctx.websocket?.pingIntervalId) {
    %CLEAR%
  }
  ctx.websocket.terminate();
};
"""


@pytest.mark.parametrize(
    "helper, args, clear, reported",
    [
        # another file's helper clears the field path of the argument the closing listener passes
        ("utils", "limiter, ctx", "clearInterval(ctx.websocket.pingIntervalId);", False),
        ("utils", "limiter, ctx", "clearTimeout(ctx.websocket.pingIntervalId);", False),
        # look-alikes: another field, another argument, a clear the helper only schedules, a test helper
        ("utils", "limiter, ctx", "clearInterval(ctx.websocket.inactivityTTL);", True),
        ("utils", "ctx, limiter", "clearInterval(ctx.websocket.pingIntervalId);", True),
        ("utils", "limiter, ctx", "setTimeout(() => clearInterval(ctx.websocket.pingIntervalId), 10);", True),
        ("utils.test", "limiter, ctx", "clearInterval(ctx.websocket.pingIntervalId);", True),
    ],
)
def test_a_handle_cleared_by_another_files_helper_through_its_holder(tmp_path, helper, args, clear, reported):
    from tests.test_round8_facts import run_json, write

    write(tmp_path, {
        "server.ts": _WS_SERVER.replace("%HELPER%", helper).replace("%ARGS%", args),
        f"{helper}.ts": _HELPER.replace("%CLEAR%", clear),
    })
    findings = [f for f in run_json(tmp_path, ".") if f["rule"] == RULE]
    assert bool(findings) is reported, [f["message"] for f in findings]


_SUBCLASS_SWEEP = """
%BASE%
class SessionAware extends %SUPER% {
  constructor(nsp) {
    super(nsp);
    const timer = setInterval(() => this.sweep(), 60000);
    timer.unref();
  }
  sweep() {}
}
module.exports = { SessionAware };
"""


@pytest.mark.parametrize(
    "base, superclass, reported",
    [
        ("", "Map", False),
        ("const { EventEmitter } = require('events');", "EventEmitter", False),
        ("class Adapter { persist() {} }", "Adapter", False),
        # the instance can be stopped through its superclass (socket.io's SessionAwareAdapter), or may be
        ("class Adapter { close() {} }", "Adapter", True),
        ("class Base { close() {} }\nclass Adapter extends Base {}", "Adapter", True),
        ("const { Adapter } = require('./adapter');", "Adapter", True),
        ("const { Readable } = require('stream');", "Readable", True),
    ],
)
def test_an_unrefd_sweep_of_a_subclass_counts_the_stops_it_inherits(base, superclass, reported):
    code = _SUBCLASS_SWEEP.replace("%BASE%", base).replace("%SUPER%", superclass)
    findings = run(code, RULE)
    assert bool(findings) is reported, [f.message for f in findings]


_PER_CALL_MAP = """\
const { ExpiringMap } = require('./expiring');
const http = require('http');
http.createServer((req, res) => {
  %MAKE%
  res.end();
}).listen(3000);
"""
_EXPIRING = """\
class ExpiringMap extends Map {
  constructor(interval) {
    super();
    this.timer = setInterval(() => this.purge(), interval).unref();
  }
  purge() {}
}
module.exports = { ExpiringMap };
"""


@pytest.mark.parametrize(
    "make, reported",
    [
        ("const seen = new ExpiringMap(1000);", True),  # the link finds one per request: one more timer each
        ("", False),
    ],
)
def test_an_unrefd_sweep_is_reported_when_the_project_makes_instances_per_call(tmp_path, make, reported):
    from tests.test_round8_facts import run_json, write

    write(tmp_path, {"server.js": _PER_CALL_MAP.replace("%MAKE%", make), "expiring.js": _EXPIRING})
    findings = [f for f in run_json(tmp_path, ".") if f["rule"] == RULE]
    assert bool(findings) is reported, [f["message"] for f in findings]
