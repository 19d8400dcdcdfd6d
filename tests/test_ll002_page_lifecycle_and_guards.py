"""Frequency through a one-shot guard at a call site, and page-lifecycle events of `document`/`window`.

Reduced from a web analytics tracker and session recorder (browser scripts in a
top-level IIFE): `init()` is an event listener that calls the
functions adding the page's listeners behind `if (!initialized) {
initialized = true; … }`; the recorder starts once `readyState` is
'complete'. Both ran once per page and were reported "on every event".
"""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

GUARDED_INIT = """
(function (window) {
  const { document } = window;
  let initialized = false;
  const track = (e) => navigator.sendBeacon('/e', e.type);
  const handleClicks = () => {
    document.addEventListener('click', (e) => track(e), true);
  };
  const init = () => {
    if (!initialized) {
      initialized = true;
      handleClicks();
    }
  };
  window.addEventListener('message', init);
})(window);
"""

READY_RECORDER = """
(function (window) {
  const { document } = window;
  const flush = () => navigator.sendBeacon('/r', '');
  const beginRecording = () => {
    document.addEventListener('visibilitychange', () => flush());
  };
  document.addEventListener('readystatechange', () => {
    if (document.readyState === 'complete') beginRecording();
  });
})(window);
"""

VALID = [
    Valid(GUARDED_INIT, why="a call behind `if (!flag) { flag = true; … }` runs once per holder of the flag"),
    Valid(READY_RECORDER, why="the page's 'readystatechange' fires twice per load, then never again"),
    Valid(
        READY_RECORDER.replace("'readystatechange'", "'DOMContentLoaded'"),
        why="'DOMContentLoaded' of the page's document fires once",
    ),
    Valid(
        """
        window.addEventListener('load', () => {
          setInterval(() => navigator.sendBeacon('/ping', ''), 60000);
        });
        """,
        why="the window's 'load' fires once: one interval per page",
    ),
    Valid(
        """
        const bus = require('./bus');
        class Poller {
          constructor() { this.started = false; }
          start() {
            if (!this.started) {
              this.started = true;
              bus.on('tick', () => this.poll());
            }
          }
          poll() {}
        }
        module.exports = new Poller();
        """,
        why="a constructor that sets the flag to false initialises it: the guard still lets the block run once",
    ),
    Valid(
        """
        const EventEmitter = require('events');
        let real;
        let shared;
        function get() {
          if (real) return real;
          if (shared) {
            real = shared;
            return real;
          }
          shared = new EventEmitter();
          process.on('message', (m) => shared.emit(m.event, m.data));
          real = shared;
          return real;
        }
        module.exports = {
          publish: function (event, data) {
            get().emit(event, data);
          },
          reset: function () {
            real = null;
          },
        };
        """,
        why="reduced from a forum's pub/sub: `reset()` clears the outer cache, but the inner guard's block ends in a return and its flag is never reset",
    ),
]

INVALID = [
    Invalid(
        """
        const EventEmitter = require('events');
        let real;
        let shared;
        function get() {
          if (real) return real;
          shared = new EventEmitter();
          process.on('message', (m) => shared.emit(m.event, m.data));
          real = shared;
          return real;
        }
        module.exports = {
          publish: function (event, data) {
            get().emit(event, data);
          },
          reset: function () {
            real = null;
          },
        };
        """,
        at=((7, 3),),
        why="twin: only the outer cache guards it, and `reset()` clears it: one more 'message' listener per reset",
    ),
    Invalid(
        """
        const net = require('net');
        const bus = require('./bus');
        let connecting = false;
        function connect() {
          const socket = net.connect(7000);
          bus.on('publish', (m) => socket.write(m));
          socket.on('close', () => { connecting = false; });
        }
        process.on('message', () => {
          if (!connecting) {
            connecting = true;
            connect();
          }
        });
        """,
        at=((6, 3),),
        why="a flag reset when the socket closes is a lock, not a one-shot guard: each reconnect adds a listener",
    ),
    Invalid(
        """
        const bus = require('./bus');
        let connecting = false;
        process.on('message', (m) => {
          if (!connecting) {
            connecting = true;
            bus.on('publish', (x) => m.reply(x));
            setTimeout(() => { connecting = false; }, 1000);
          }
        });
        """,
        at=((6, 5),),
        why="the same lock around the registration itself: reset by a timer, the block runs again",
    ),
    Invalid(
        GUARDED_INIT.replace("      initialized = true;\n", ""),
        at=((6, 5),),
        why="twin: the guard never sets its flag, so every 'message' adds a click listener",
    ),
    Invalid(
        READY_RECORDER.replace("'readystatechange'", "'click'"),
        at=((5, 5),),
        why="twin: a 'click' listener runs per click",
    ),
    Invalid(
        """
        export function preload(urls) {
          for (const url of urls) {
            const img = new Image();
            img.addEventListener('load', () => {
              window.addEventListener('resize', () => fit(img));
            });
            img.src = url;
          }
        }
        """,
        at=((5, 7),),
        why="twin: an image's 'load' fires per image, so each adds a resize listener to the window",
    ),
]


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, "LL002")
    check_valid(case, "LL004")


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, "LL002")
