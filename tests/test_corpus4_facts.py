"""Model facts added for the round-3 fresh sample of issue 7 (s4-fresh), each with cases of both signs.

- frequency: a function assigned to a DOM-style `on<event>` property
  (`ws.onmessage = fn`, `el.onclick = fn`) is an event handler, like one
  given to `addEventListener`; the page's own lifecycle properties
  (`window.onload`) run as often as the code that assigns them, and so do
  handlers of an event an object fires once in its life (`script.onload`,
  `ws.onclose`).
- LL002 removal: a listener read from a property path rooted at a local or
  parameter (`element.sticky.resizeListener`) is removed by a removal that
  reads the same path for the same event, in another method too.
- LL004 overwrite: a Vue options hook or React spec mount hook that runs once
  per component instance (`mounted`, `componentDidMount`) storing a handle in
  `this.x` overwrites nothing; `activated` (kept-alive components) and a
  per-event handler inside the hook still do.
- lifetime: the `socket` parameter of an outgoing request's `'socket'`
  listener (`http.request(…).once('socket', (socket) => …)`) is the agent's
  pooled keep-alive connection, which outlives the request; a once() listener
  for its 'end' (or a failure event) added per request piles up (LL002).
- LL002 DOM: `addEventListener` of the same module-level function again is
  discarded by the EventTarget (the DOM keeps one registration per type,
  listener and capture), so it does not accumulate; a closure made per call,
  `emitter.on()` (which keeps duplicates) and a Vue `<script setup>` function
  (made per instance) still do.
- LL002 DOM: in a function registered as a DOM listener, the element the
  event fired on (`e.target`, an ancestor of it, a local or a same-file helper
  returning one) gets the next events too: a closure added to it per event
  piles up on it (medium confidence).
- LL006 ws: `client.send()` to every client of a `ws` WebSocketServer
  (`for (const c of wss.clients)`, `wss.clients.forEach(c => …)`) from a
  setInterval callback, in a file that never reads `bufferedAmount`, queues the
  stream for a client that stops reading (medium confidence).
"""

import pytest

from leaklint import syntax
from leaklint.model import FileModel
from leaklint.model.frequency import Evidence, Frequency
from leaklint.model.lifetime import Lifetime, pooled_request_socket
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids


def _model(code: str, lang: str = "js") -> FileModel:
    source = code.encode()
    grammar = syntax.EXTENSION_GRAMMARS["." + lang]
    return FileModel(f"case.{lang}", source, grammar, syntax.parse(source, grammar))


def _function_named(model: FileModel, name: str):
    return next(f for f in model.functions if f.name == name)


def _function_at(model: FileModel, text: str):
    start = model.source.index(text.encode())
    return model.function_at(start + len(text) - 1)


# -- frequency: on<event> handler properties --------------------------------------------------

HANDLER_PROPERTIES = [
    # (code, the text just inside the function asked about, expected frequency, expected evidence)
    ("function connect() { const ws = new WebSocket(u); ws.onmessage = (e) => { show(e) }; }",
     "show(e)", Frequency.PER_EVENT, Evidence.HANDLER),
    ("el.onclick = function () { toggle() };", "toggle()", Frequency.PER_EVENT, Evidence.HANDLER),
    ("function f(xhr) { xhr.onprogress = function () { step() }; }", "step()", Frequency.PER_EVENT,
     Evidence.HANDLER),
    ("function read() { apply() }\nsocket.onmessage = (e) => read(e.data);", "apply()", Frequency.PER_EVENT,
     Evidence.HANDLER),
    # the page's lifecycle: once per load, as often as the assignment runs (here: module top level)
    ("window.onload = function () { boot() };", "boot()", Frequency.ONCE, Evidence.TOP_LEVEL),
    ("document.onreadystatechange = () => { boot() };", "boot()", Frequency.ONCE, Evidence.TOP_LEVEL),
    # an event the object fires once in its life: as often as the code that makes the object
    ("function load(u) { const s = document.createElement('script'); s.onload = () => { ready() }; }\nload('a.js');",
     "ready()", Frequency.ONCE, Evidence.TOP_LEVEL),
    ("function connect() { ws = new WebSocket(u); ws.onclose = () => { retry() }; }\nconnect();",
     "retry()", Frequency.ONCE, Evidence.TOP_LEVEL),
    # ... but the page's window fires 'error' for every uncaught error
    ("window.onerror = function () { report() };", "report()", Frequency.PER_EVENT, Evidence.HANDLER),
    # not a handler property: a camelCase callback option is left to the name-based inference (SHAPE),
    # other fields stay "assigned" (API)
    ("client.onMessage = (m) => { show(m) };", "show(m)", Frequency.PER_EVENT, Evidence.SHAPE),
    ("config.handler = () => { show() };", "show()", Frequency.REPEATED, Evidence.API),
]


@pytest.mark.parametrize("code, inside, frequency, evidence", HANDLER_PROPERTIES, ids=[c[0][:50] for c in HANDLER_PROPERTIES])
def test_handler_property_frequency(code, inside, frequency, evidence):
    model = _model(code)
    fact = model.frequency(_function_at(model, inside))
    assert (fact.frequency, fact.evidence) == (frequency, evidence), fact.reason


LL004_HANDLER_PROPERTY_INVALID = [
    Invalid(
        """
        function setEffectParameters(idx) {
          function setSelectedEffectPosition() { position(idx); }
          setInterval(setSelectedEffectPosition, 750);
        }
        function readState(s) { setEffectParameters(s.fx); }
        function makeWS() {
          ws = new WebSocket(url);
          ws.onmessage = (e) => { readState(JSON.parse(e.data)); };
        }
        window.addEventListener('load', makeWS);
        """,
        ((3, 3),),
        "every message pushed over the socket starts one more interval",
    ),
]

LL004_HANDLER_PROPERTY_VALID = [
    Valid(
        """
        function startClock() { setInterval(tick, 1000); }
        window.onload = function () { startClock(); };
        """,
        "window.onload fires once per page: one clock",
    ),
    Valid(
        """
        function setEffectParameters(idx) {
          if (timer) clearInterval(timer);
          timer = setInterval(() => position(idx), 750);
        }
        ws.onmessage = (e) => { setEffectParameters(e.data); };
        """,
        "the handle is cleared before each restart",
    ),
]


@pytest.mark.parametrize("case", LL004_HANDLER_PROPERTY_INVALID, ids=ids(LL004_HANDLER_PROPERTY_INVALID))
def test_ll004_handler_property_invalid(case):
    check_invalid(case, "LL004")


@pytest.mark.parametrize("case", LL004_HANDLER_PROPERTY_VALID, ids=ids(LL004_HANDLER_PROPERTY_VALID))
def test_ll004_handler_property_valid(case):
    check_valid(case, "LL004")


# -- LL002: removal through the same property path --------------------------------------------

LL002_PATH_VALID = [
    Valid(
        """
        class Sticky {
          renderElement(element) { element.sticky = {}; this.elements.push(element); this.initResizeEvents(element); }
          initResizeEvents(element) {
            element.sticky.resizeListener = () => this.onResizeEvents(element);
            window.addEventListener('resize', element.sticky.resizeListener);
          }
          destroyResizeEvents(element) {
            window.removeEventListener('resize', element.sticky.resizeListener);
          }
          destroy() { this.elements.forEach((element) => this.destroyResizeEvents(element)); }
        }
        """,
        "the per-element listener is taken back out of the same property path",
    ),
]

LL002_PATH_INVALID = [
    Invalid(
        """
        class Sticky {
          renderElement(element) { element.sticky = {}; this.elements.push(element); this.initResizeEvents(element); }
          initResizeEvents(element) {
            element.sticky.resizeListener = () => this.onResizeEvents(element);
            window.addEventListener('resize', element.sticky.resizeListener);
          }
          destroyResizeEvents(element) {
            window.removeEventListener('resize', element.sticky.scrollListener);
          }
          destroy() { this.elements.forEach((element) => this.destroyResizeEvents(element)); }
        }
        """,
        ((5, 5),),
        "the removal reads another property: the resize listener stays",
    ),
    Invalid(
        """
        class Sticky {
          renderElement(element) { element.sticky = {}; this.elements.push(element); this.initResizeEvents(element); }
          initResizeEvents(element) {
            element.sticky.resizeListener = () => this.onResizeEvents(element);
            window.addEventListener('resize', element.sticky.resizeListener);
          }
          destroyResizeEvents(element) {
            window.removeEventListener('scroll', element.sticky.resizeListener);
          }
          destroy() { this.elements.forEach((element) => this.destroyResizeEvents(element)); }
        }
        """,
        ((5, 5),),
        "the removal names another event",
    ),
]


@pytest.mark.parametrize("case", LL002_PATH_VALID, ids=ids(LL002_PATH_VALID))
def test_ll002_same_path_removal_valid(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", LL002_PATH_INVALID, ids=ids(LL002_PATH_INVALID))
def test_ll002_same_path_removal_invalid(case):
    check_invalid(case, "LL002")


# -- LL004: a handle stored on the instance by a once-per-instance hook ------------------------

LL004_HOOK_VALID = [
    Valid(
        """
        export default {
          mounted() { this.timer = setInterval(this.poll, 1000); },
          beforeUnmount() { clearInterval(this.timer); },
        };
        """,
        "Vue options: mounted runs once per instance and beforeUnmount clears it",
    ),
    Valid(
        """
        const Panel = React.createClass({
          componentDidMount() { this.intervalId = setInterval(this.updateCountdown, 1000); },
          componentWillUnmount() { clearInterval(this.intervalId); },
          render() { return null; },
        });
        """,
        "React createClass spec: componentDidMount once per instance, cleared on unmount",
    ),
]

LL004_HOOK_INVALID = [
    Invalid(
        """
        export default {
          activated() { this.timer = setInterval(this.poll, 1000); },
          beforeUnmount() { clearInterval(this.timer); },
        };
        """,
        ((2, 30),),
        "activated runs on every re-activation of a kept-alive instance: the handle is overwritten",
    ),
    Invalid(
        """
        export default {
          mounted() { this.ws.onmessage = () => { this.timer = setInterval(this.poll, 1000); }; },
          beforeUnmount() { clearInterval(this.timer); },
        };
        """,
        ((2, 56),),
        "a message handler inside mounted overwrites the handle on every message",
    ),
]


@pytest.mark.parametrize("case", LL004_HOOK_VALID, ids=ids(LL004_HOOK_VALID))
def test_ll004_once_per_instance_hook_valid(case):
    check_valid(case, "LL004")


@pytest.mark.parametrize("case", LL004_HOOK_INVALID, ids=ids(LL004_HOOK_INVALID))
def test_ll004_once_per_instance_hook_invalid(case):
    check_invalid(case, "LL004")


# -- lifetime: the pooled socket of an outgoing request ---------------------------------------

POOLED = [
    ("function send(o) { const req = http.request(o); req.once('socket', (socket) => { socket.x; }); }", True),
    ("function send(o) { var request = protocol.request(o, cb); request.on('socket', function (socket) { socket.x; }); }", True),
    ("function send(o) { const req = new http.ClientRequest(o); req.once('socket', (socket) => { socket.x; }); }", True),
    # not an outgoing request made here: a parameter, an emitter of another kind, another event
    ("function send(req) { req.once('socket', (socket) => { socket.x; }); }", False),
    ("function send(o) { const req = http.request(o); req.once('response', (socket) => { socket.x; }); }", False),
    ("function send(o) { const s = net.connect(o); s.once('connect', (socket) => { socket.x; }); }", False),
]


@pytest.mark.parametrize("code, expected", POOLED, ids=[c[0][:60] for c in POOLED])
def test_pooled_request_socket(code, expected):
    model = _model(code)
    start = model.source.index(b"socket.x")
    identifier = model.tree.root_node.named_descendant_for_byte_range(start, start + len("socket"))
    fact = pooled_request_socket(model, identifier)
    assert (fact is not None) is expected
    if expected:
        assert fact.lifetime is Lifetime.REQUEST and fact.inferred


LL002_POOLED_INVALID = [
    Invalid(
        """
        Needle.prototype.send_request = function (count, method, uri, config, out, callback) {
          function on_socket_end() { if (!this.writable) this.destroy(); }
          var request = protocol.request(this.get_request_opts(method, uri, config), function (resp) { out.emit('response', resp); });
          request.once('socket', function (socket) {
            socket.once('end', on_socket_end.bind(socket));
          });
          request.end();
        };
        """,
        ((5, 5),),
        "a once('end') per request on the agent's pooled socket",
    ),
]

LL002_POOLED_VALID = [
    Valid(
        """
        Needle.prototype.send_request = function (count, method, uri, config, out, callback) {
          function on_socket_end() { if (!this.writable) this.destroy(); }
          var request = protocol.request(this.get_request_opts(method, uri, config), function (resp) { out.emit('response', resp); });
          request.once('socket', function (socket) {
            if (!socket.on_socket_end) {
              socket.on_socket_end = on_socket_end;
              socket.on('end', socket.on_socket_end);
            }
          });
          request.end();
        };
        """,
        "one listener per pooled socket, behind a flag kept on the socket",
    ),
    Valid(
        """
        Needle.prototype.send_request = function (count, method, uri, config, out, callback) {
          var request = protocol.request(this.get_request_opts(method, uri, config), function (resp) { out.emit('response', resp); });
          request.once('socket', function (socket) {
            socket.once('connect', function () { out.emit('connected'); });
          });
          request.end();
        };
        """,
        "'connect' fires for the request that opens the socket",
    ),
]


@pytest.mark.parametrize("case", LL002_POOLED_INVALID, ids=ids(LL002_POOLED_INVALID))
def test_ll002_pooled_socket_invalid(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", LL002_POOLED_VALID, ids=ids(LL002_POOLED_VALID))
def test_ll002_pooled_socket_valid(case):
    check_valid(case, "LL002")


# -- LL002: the DOM keeps one copy of the same listener ---------------------------------------

LL002_DEDUP_VALID = [
    Valid(
        """
        var Effect = { hide: function (e) { e.currentTarget.classList.remove('on'); } };
        function showEffect(e) {
          e.currentTarget.classList.add('on');
          document.body.addEventListener('mouseup', Effect.hide, false);
        }
        document.addEventListener('mousedown', showEffect);
        """,
        "the same property of a module object on every mousedown: one listener",
    ),
    Valid(
        """
        function onResize() { layout(); }
        export function render(view) {
          draw(view);
          window.addEventListener('resize', onResize, { passive: true });
        }
        router.on('change', (view) => render(view));
        """,
        "a module-level function declaration added again on every render",
    ),
]

LL002_DEDUP_INVALID = [
    Invalid(
        """
        function showEffect(e) {
          function hide() { e.currentTarget.classList.remove('on'); }
          document.body.addEventListener('mouseup', hide, false);
        }
        document.addEventListener('mousedown', showEffect);
        """,
        ((3, 3),),
        "a function declared inside the handler is a new function on every event",
    ),
    Invalid(
        """
        let handler;
        function showEffect(e) {
          handler = () => e.currentTarget.classList.remove('on');
          document.body.addEventListener('mouseup', handler, false);
        }
        document.addEventListener('mousedown', showEffect);
        """,
        ((4, 3),),
        "a module-level binding reassigned to a new closure on every event",
    ),
    Invalid(
        """
        const bus = new EventEmitter();
        function onData(d) { log(d); }
        app.get('/x', (req, res) => { bus.on('data', onData); res.end(); });
        """,
        ((3, 31),),
        "an EventEmitter keeps every duplicate",
    ),
]


@pytest.mark.parametrize("case", LL002_DEDUP_VALID, ids=ids(LL002_DEDUP_VALID))
def test_ll002_dom_dedup_valid(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", LL002_DEDUP_INVALID, ids=ids(LL002_DEDUP_INVALID))
def test_ll002_dom_dedup_invalid(case):
    check_invalid(case, "LL002")


# -- LL002: the element an event fired on -----------------------------------------------------

LL002_TARGET_INVALID = [
    Invalid(
        """
        function findButton(e) {
          var target = e.target || e.srcElement;
          while (target.parentElement) {
            if (target.classList.contains('btn')) return target;
            target = target.parentElement;
          }
          return null;
        }
        function showEffect(e) {
          var element = findButton(e);
          if (element === null) return;
          var hide = function () { element.classList.remove('pressed'); };
          element.addEventListener('touchend', hide, false);
        }
        document.body.addEventListener('touchstart', showEffect, false);
        """,
        ((13, 3),),
        "a new closure on the touched button for every touch, found through a helper walking up from e.target",
    ),
    Invalid(
        """
        list.addEventListener('click', (e) => {
          const row = e.target.closest('tr');
          row.addEventListener('mouseleave', () => row.classList.remove('hot'));
        });
        """,
        ((3, 3),),
        "a closure on the clicked row for every click",
    ),
]

LL002_TARGET_VALID = [
    Valid(
        """
        function showEffect(e) {
          var element = e.target;
          var hide = function () {
            element.classList.remove('pressed');
            element.removeEventListener('touchend', hide);
          };
          element.addEventListener('touchend', hide, false);
        }
        document.body.addEventListener('touchstart', showEffect, false);
        """,
        "the closure removes itself",
    ),
    Valid(
        """
        list.addEventListener('click', (e) => {
          const badge = document.createElement('span');
          badge.addEventListener('click', () => badge.remove());
          e.target.appendChild(badge);
        });
        """,
        "the receiver is a new element, not the one the event fired on",
    ),
    Valid(
        """
        socket.on('data', (e) => {
          e.target.addEventListener('click', () => show(e));
        });
        """,
        "not a DOM listener: nothing says e.target is the element of a DOM event",
    ),
]


@pytest.mark.parametrize("case", LL002_TARGET_INVALID, ids=ids(LL002_TARGET_INVALID))
def test_ll002_event_target_invalid(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", LL002_TARGET_VALID, ids=ids(LL002_TARGET_VALID))
def test_ll002_event_target_valid(case):
    check_valid(case, "LL002")


# -- LL006: unpaced ws broadcasts on a timer --------------------------------------------------

LL006_WS_INVALID = [
    Invalid(
        """
        import { WebSocketServer, WebSocket } from 'ws';
        const wss = new WebSocketServer({ port: 3001 });
        setInterval(() => {
          const payload = JSON.stringify(readFrame());
          for (const client of wss.clients) {
            if (client.readyState === WebSocket.OPEN) client.send(payload);
          }
        }, 10);
        """,
        ((6, 47),),
        "every 10 ms to every client, whatever each one reads",
        lang="ts",
    ),
    Invalid(
        """
        const WebSocket = require('ws');
        const wss = new WebSocket.Server({ server });
        function tick() { wss.clients.forEach((ws) => ws.send(JSON.stringify(state()))); }
        setInterval(tick, 50);
        """,
        ((3, 47),),
        "a named tick function that a timer runs",
    ),
]

LL006_WS_VALID = [
    Valid(
        """
        import { WebSocketServer, WebSocket } from 'ws';
        const wss = new WebSocketServer({ port: 3001 });
        setInterval(() => {
          for (const client of wss.clients) {
            if (client.bufferedAmount > 1 << 20) continue;
            client.send(JSON.stringify(readFrame()));
          }
        }, 10);
        """,
        "a client whose buffer is full is skipped",
        lang="ts",
    ),
    Valid(
        """
        const WebSocket = require('ws');
        const wss = new WebSocket.Server({ server });
        wss.on('connection', (ws) => {
          ws.on('message', (data) => { wss.clients.forEach((c) => c.send(data)); });
        });
        """,
        "a relay paced by what clients send, not by a timer",
    ),
    Valid(
        """
        const { Server } = require('socket.io');
        const io = new Server(httpServer);
        setInterval(() => { for (const c of io.clients) c.send(state()); }, 50);
        """,
        "not a ws server",
    ),
]


@pytest.mark.parametrize("case", LL006_WS_INVALID, ids=ids(LL006_WS_INVALID))
def test_ll006_ws_broadcast_invalid(case):
    check_invalid(case, "LL006")


@pytest.mark.parametrize("case", LL006_WS_VALID, ids=ids(LL006_WS_VALID))
def test_ll006_ws_broadcast_valid(case):
    check_valid(case, "LL006")
