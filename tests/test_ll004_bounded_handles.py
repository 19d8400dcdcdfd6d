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
