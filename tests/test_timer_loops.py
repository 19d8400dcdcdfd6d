"""LL004: timer loops, a function that reschedules itself with setTimeout / requestAnimationFrame.

Facts (leaklint/model/timer_loops.py), with cases of both signs: a loop with no way to stop it, started
from code that repeats (a mount hook, an effect, a handler), leaves one more endless loop per start; it can
stop when the rescheduling is conditional (an `if`, an early guarded `return`, a `.catch` retry), or when
its handle is kept and the file cancels timers; a loop started once at module level is meant to run.
Frequency: a function that re-arms itself (also from a listener, a reconnect) runs again each time its
timer fires, and so do the functions it calls; a reschedule only in a `.catch` is a retry.
"""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL004"

INVALID = [
    Invalid(
        """
        import React from 'react';
        export class Status extends React.Component {
          componentDidMount() {
            const tick = () => {
              fetch('/status').then((r) => r.json()).then((s) => this.setState(s));
              setTimeout(tick, 5000);
            };
            tick();
          }
          render() { return null; }
        }
        """,
        at=((8, 5),),
        why="a polling loop started on every mount, never stopped on unmount",
        lang="tsx",
        message_contains="reschedules itself with setTimeout()",
    ),
    Invalid(
        """
        export default {
          mounted() { this.poll(); },
          methods: {
            poll() {
              this.load();
              setTimeout(() => this.poll(), 5000);
            },
            load() {},
          },
        };
        """,
        at=((2, 15),),
        why="a Vue method that reschedules itself through an arrow, started in mounted()",
    ),
    Invalid(
        """
        import { useEffect } from 'react';
        export function Anim() {
          useEffect(() => {
            const loop = () => { draw(); requestAnimationFrame(loop); };
            requestAnimationFrame(loop);
          }, []);
          return null;
        }
        """,
        at=((5, 5),),
        why="an animation-frame loop started by requestAnimationFrame in an effect with no cleanup",
        lang="tsx",
    ),
    Invalid(
        """
        export class Feed {
          start() {
            const next = () => fetch('/feed').then((r) => r.json()).then((items) => {
              this.render(items);
              setTimeout(next, 2000);
            });
            next();
          }
        }
        """,
        at=((7, 5),),
        why="the rescheduling sits in a .then callback of the loop",
    ),
]

VALID = [
    Valid(
        """
        import React from 'react';
        export class Status extends React.Component {
          componentDidMount() {
            this.mounted = true;
            const tick = () => {
              if (!this.mounted) return;
              this.refresh();
              setTimeout(tick, 5000);
            };
            tick();
          }
          componentWillUnmount() { this.mounted = false; }
          render() { return null; }
        }
        """,
        why="an early return on a flag the unmount clears stops the loop",
        lang="tsx",
    ),
    Valid(
        """
        import React from 'react';
        export class Status extends React.Component {
          componentDidMount() { this.tick(); }
          tick() {
            this.refresh();
            this.timer = setTimeout(() => this.tick(), 5000);
          }
          componentWillUnmount() { clearTimeout(this.timer); }
          render() { return null; }
        }
        """,
        why="the handle is kept and cleared on unmount",
        lang="tsx",
    ),
    Valid(
        """
        import { useEffect } from 'react';
        export function Anim() {
          useEffect(() => {
            let id;
            const loop = () => { draw(); id = requestAnimationFrame(loop); };
            id = requestAnimationFrame(loop);
            return () => cancelAnimationFrame(id);
          }, []);
          return null;
        }
        """,
        why="the effect cleanup cancels the kept frame id",
        lang="tsx",
    ),
    Valid(
        """
        function poll() {
          refresh();
          setTimeout(poll, 1000);
        }
        poll();
        """,
        why="started once at module level: a loop meant to run as long as the process",
    ),
    Valid(
        """
        export function connect(url, attempt = 0) {
          const socket = open(url);
          socket.onerror = () => {
            if (attempt > 5) return;
            setTimeout(() => connect(url, attempt + 1), 1000);
          };
        }
        """,
        why="a bounded retry: the rescheduling is conditional",
    ),
    Valid(
        """
        export class Feed {
          start() {
            const next = () => fetch('/feed').then((items) => this.render(items)).catch(() => setTimeout(next, 2000));
            next();
          }
        }
        """,
        why="rescheduled only when the work fails: a retry, not a loop",
    ),
    Valid(
        """
        export function waitFor(pid, done) {
          list(pid, (err, pids) => {
            if (!pids.length) return done();
            setTimeout(() => waitFor(pid, done), 1000);
          });
        }
        export class Runner { stop(child) { waitFor(child.pid, () => {}); } }
        """,
        why="the callback returns once there is nothing left to wait for: the loop ends (nodemon)",
    ),
    Valid(
        """
        export class Feed {
          start() {
            const next = () => fetch('/feed').then((r) => {
              if (!r.ok) return;
              setTimeout(next, 2000);
            });
            next();
          }
        }
        """,
        why="an early return in the promise callback stops the loop",
    ),
    Valid(
        """
        export default {
          mounted() { setTimeout(() => this.load(), 100); },
          methods: { load() {} },
        };
        """,
        why="a one-off timeout is not a loop",
    ),
    Valid(
        """
        export default {
          mounted() { this.poll(); },
          methods: {
            poll() {
              this.load();
              setTimeout(() => { if (this.active) this.poll(); }, 5000);
            },
            load() {},
          },
        };
        """,
        why="the scheduled callback re-arms only while a flag says so: the loop can stop",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_the_finding_points_at_the_rescheduling_call():
    findings = run(INVALID[0].code, RULE, "tsx")
    assert any("reschedules itself here" in r.message and r.span.line == 6 for r in findings[0].related)


FREQUENCY_INVALID = [
    Invalid(
        """
        const client = require('./client');
        function startup() {
          function handleRead() {
            if (lost()) {
              restart();
            } else {
              setTimeout(handleRead, 600);
            }
          }
          setTimeout(handleRead, 0);
          client.on('message', (m) => send(m));
        }
        function restart() { startup(); }
        startup();
        """,
        at=((11, 3),),
        why="the way out of the loop restarts it: startup() runs again after every lost connection (rsdcs)",
    ),
    Invalid(
        """
        const bus = require('./bus');
        function poll() {
          if (ready()) {
            start();
          }
          setTimeout(poll, 100);
        }
        function start() { bus.on('message', (m) => console.log(m)); }
        poll();
        """,
        at=((8, 20),),
        why="the call's branch does not leave the loop: it runs on every tick that finds it ready",
    ),
    Invalid(
        """
        const bus = require('./bus');
        function handleRead() {
          restart();
          setTimeout(handleRead, 1000);
        }
        function restart() {
          bus.on('message', (m) => console.log(m));
        }
        handleRead();
        """,
        at=((7, 3),),
        why="a listener added by a function that a self-rescheduling loop calls on every tick (rsdcs)",
    ),
    Invalid(
        """
        const bus = require('./bus');
        class Client {
          connect() {
            this.ws = new WebSocket(this.url);
            this.ws.on('close', () => setTimeout(() => this.connect(), 1000));
            bus.on('send', (m) => this.ws.send(m));
          }
        }
        module.exports = Client;
        """,
        at=((6, 5),),
        why="a reconnect re-runs connect(): its listener on the module bus is added once per reconnect",
    ),
]

FREQUENCY_VALID = [
    Valid(
        """
        (function () {
          const waitForSession = (attempts = 0) => {
            if (attempts > 50) return;
            if (window.umami.getSession()) {
              beginRecording();
            } else {
              setTimeout(() => waitForSession(attempts + 1), 100);
            }
          };
          const beginRecording = () => {
            document.addEventListener('visibilitychange', () => flush());
          };
          waitForSession();
        })();
        """,
        why="called in the branch that does not re-arm: the loop ends there, once (umami's recorder)",
    ),
    Valid(
        """
        const bus = require('./bus');
        function poll() {
          if (ready()) {
            start();
            return;
          }
          setTimeout(poll, 100);
        }
        function start() { bus.on('message', (m) => console.log(m)); }
        poll();
        """,
        why="a branch that returns before the re-arming ends the loop",
    ),
    Valid(
        """
        const bus = require('./bus');
        function start() {
          bus.on('message', (m) => console.log(m));
          load().catch(() => setTimeout(start, 1000));
        }
        start();
        """,
        why="rescheduled only when loading fails: a retry of start-up, not a tick",
    ),
]


@pytest.mark.parametrize("case", FREQUENCY_INVALID, ids=ids(FREQUENCY_INVALID))
def test_self_scheduling_frequency_invalid(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", FREQUENCY_VALID, ids=ids(FREQUENCY_VALID))
def test_self_scheduling_frequency_valid(case):
    check_valid(case, "LL002")
