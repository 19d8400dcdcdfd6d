"""LL004 uncleared-interval: valid and invalid cases with exact positions."""

import re
from pathlib import Path

import pytest

from leaklint.engine import AnalysisOptions, analyze_path
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL004"
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "uncleared-interval"

INVALID = [
    Invalid(
        """
        class StatsMaster {
          constructor() { this.stats = {}; this._addInterval(); }
          countStats() {}
          _addInterval() { setInterval(this.countStats.bind(this, 'interval'), 30000); }
        }
        const stats = new StatsMaster();
        app.post('/stats/restart', (req, res) => { stats._addInterval(); res.end(); });
        """,
        at=((4, 20),),
        why="the one instance's method is also called per request: each call starts another timer",
    ),
    Invalid(
        """
        import { useCallback, useEffect, useRef } from 'react';
        export function useStopwatch(onTick) {
          const ref = useRef(null);
          const start = useCallback(() => { ref.current = setInterval(onTick, 10); }, [onTick]);
          const stop = () => { clearInterval(ref.current); };
          useEffect(() => () => console.log('bye'), []);
          return { start, stop };
        }
        """,
        at=((4, 51),),
        why="teardown: an effect cleanup exists but does not reach the stop that clears the interval",
        message_contains="is cleared only where an effect cleanup does not reach",
    ),
    Invalid(
        """
        const http = require('http');
        http.createServer((req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          const beat = setInterval(() => res.write(':\\n\\n'), 15000);
          res.on('finish', () => clearInterval(beat));
          subscribe(req, res);
        });
        """,
        at=((4, 16),),
        why="one way out: cleared only on 'finish', which a client that disconnects first never causes",
        message_contains="is cleared only on 'finish'",
    ),
    Invalid(
        """
        const net = require('net');
        net.createServer((socket) => {
          const idle = setInterval(() => socket.write('ping'), 1000);
          function stop() { clearInterval(idle); }
          socket.on('end', stop);
        }).listen(7000);
        """,
        at=((3, 16),),
        why="one way out: a named stop registered only for 'end' (a reset socket never ends)",
        message_contains="is cleared only on 'end'",
    ),
    Invalid(
        """
        const http = require('http');
        class Hub {
          constructor(port) { this.port = port; this.peers = new Map(); }
          start() {
            this.server = http.createServer((req, res) => res.end());
            this.server.listen(this.port);
            this.watchPeers();
          }
          close() {
            this.server.close();
          }
          watchPeers() {
            setInterval(() => this.peers.forEach((p) => p.ping()), 30000);
          }
        }
        module.exports = Hub;
        """,
        at=((13, 5),),
        why="service: close() stops the server but not the interval, so each stop leaves it running",
    ),
    Invalid(
        """
        const http = require('http');
        class Hub {
          constructor(port) { this.port = port; this.peers = new Map(); }
          handle(req) {
            this.watchPeers();
          }
          start() {
            this.server = http.createServer((req, res) => res.end());
            this.server.listen(this.port);
            this.watchPeers();
          }
          watchPeers() {
            setInterval(() => this.peers.forEach((p) => p.ping()), 30000);
          }
        }
        module.exports = Hub;
        """,
        at=((13, 5),),
        why="service: a member called from a method other than set-up does not run once per instance",
    ),
    Invalid(
        """
        const express = require('express');
        function Gateway(options) {
          this.options = options;
          this.pending = {};
        }
        Gateway.prototype.start = function (done) {
          this.server = this._build().use(done);
        };
        Gateway.prototype._build = function () {
          const app = express();
          this._sweepPending();
          return app;
        };
        Gateway.prototype._sweepPending = function () {
          const self = this;
          setInterval(function () {
            for (const id in self.pending) if (self.pending[id].finished) delete self.pending[id];
          }, 5000);
        };
        module.exports = Gateway;
        """,
        at=((16, 3),),
        why="service: an ES5 class that does not listen on a port may have many instances",
    ),
    Invalid(
        """
        const http = require('node:http');
        const server = http.createServer(async (req, res) => {
          const job = createJob(req.url);
          setInterval(() => report(job), 1000);
          await run(job);
          res.end();
        });
        """,
        at=((4, 3),),
        why="discarded handle in a request handler (the samples/ pattern)",
        message_contains="runs on every request and its handle is discarded",
    ),
    Invalid(
        """
        class Poller {
          start() {
            setInterval(() => this.poll(), 1000);
          }
          poll() {}
        }
        """,
        at=((3, 5),),
        why="discarded handle in a class method",
        message_contains=(
            "setInterval in `Poller.start()` runs each time it is called and its handle is discarded, "
            "so it can never be cleared; the timer keeps its callback and everything it captures (`this`) alive"
        ),
    ),
    Invalid(
        """
        class Poller {
          start() {
            this.timer = setInterval(() => this.poll(), 1000);
          }
          poll() {}
        }
        """,
        at=((3, 18),),
        why="handle kept in a field that nothing clears",
        message_contains="its handle (kept in `this.timer`) is never cleared",
    ),
    Invalid(
        """
        class Poller {
          start() {
            this.timer = setInterval(() => this.poll(), 1000);
          }
          stop() {
            clearInterval(this.timer);
          }
          poll() {}
        }
        """,
        at=((3, 18),),
        why="start() overwrites a running handle without clearing it first",
        message_contains="overwrites `this.timer` without clearing the interval already stored there",
    ),
    Invalid(
        """
        let timer;
        export function start(job) { timer = setInterval(() => job.tick(), 10); }
        export function stop() { clearInterval(timer); }
        """,
        at=((2, 38),),
        why="exported start() overwrites a module-level handle",
        message_contains="overwrites `timer`",
    ),
    Invalid(
        """
        const wss = new WebSocketServer({ port: 8080 });
        wss.on('connection', (ws) => {
          const ping = setInterval(() => ws.ping(), 30_000);
          ws.on('message', (data) => ws.send(data));
        });
        """,
        at=((3, 16),),
        why="per-connection handle kept in a local that nothing clears",
        message_contains="runs on every connection and its handle (kept in `ping`) is never cleared",
    ),
    Invalid(
        """
        class Cache {
          constructor() {
            this.sweeper = setInterval(() => this.sweep(), 60_000);
          }
          sweep() {}
        }
        export function makeCache() { return new Cache(); }
        """,
        at=((3, 20),),
        why="constructor of a class with many instances",
        message_contains="in the constructor of `Cache` runs for every instance",
    ),
    Invalid(
        """
        class Cache {
          sweeper = setInterval(() => this.sweep(), 60_000);
          sweep() {}
        }
        """,
        at=((2, 13),),
        why="class field initialiser runs for every instance",
        message_contains="a field initialiser of `Cache` runs for every instance",
    ),
    Invalid(
        """
        const handler = (req, res) => {
          globalThis.setInterval(() => res.write('.'), 1000);
        };
        app.get('/dots', handler);
        """,
        at=((2, 3),),
        why="globalThis.setInterval is the global timer",
    ),
    Invalid(
        """
        import { setInterval as every } from 'node:timers';
        app.get('/x', (req, res) => {
          every(() => console.log(req.url), 1000);
          res.end();
        });
        """,
        at=((3, 3),),
        why="setInterval imported from node:timers under another name",
    ),
    Invalid(
        """
        const timers = require('timers');
        process.on('message', (job) => {
          timers.setInterval(() => job.report(), 1000);
        });
        """,
        at=((3, 3),),
        why="timers.setInterval in an event handler",
        message_contains="captures (`job`)",
    ),
    Invalid(
        """
        function tick() {}
        const timer = setInterval(tick, 1000);
        export function stop() { clearInterval(tick); }
        """,
        at=((3, 26),),
        why="clearInterval given the callback instead of the handle",
        message_contains="is given the function `tick`",
    ),
    Invalid(
        """
        const timer = setInterval(poll, 1000);
        function poll() {}
        export function stop() { clearInterval(); }
        """,
        at=((3, 26),),
        why="clearInterval with no argument",
        message_contains="is called with no argument, so it clears nothing",
    ),
    Invalid(
        """
        let timer = null;
        export function start() { setInterval(check, 1000); }
        export function stop() { clearInterval(timer); timer = null; }
        function check() {}
        """,
        at=((3, 26),),
        why="clearInterval given a variable that never holds a handle (start() forgot to keep it)",
        message_contains="is given `timer`, which is never assigned a timer handle",
    ),
    Invalid(
        """
        export class Sampler {
          private timer?: NodeJS.Timeout;
          begin(): void {
            this.timer = setInterval((): void => this.sample(), 500);
          }
          private sample(): void {}
        }
        """,
        at=((4, 18),),
        why="TypeScript class with a typed handle field",
        lang="ts",
    ),
    Invalid(
        """
        import { useEffect, useState } from 'react';
        export function Clock() {
          const [now, setNow] = useState(Date.now());
          useEffect(() => {
            setInterval(() => setNow(Date.now()), 1000);
          }, []);
          return <span>{now}</span>;
        }
        """,
        at=((5, 5),),
        why="TSX: useEffect without a cleanup",
        lang="tsx",
        message_contains="the `useEffect()` callback at line 4 runs on every mount",
    ),
    Invalid(
        """
        import React from 'react';
        export class Countdown extends React.Component {
          componentDidMount() {
            this.begin();
          }
          begin() {
            this.ticker = setInterval(() => {
              if (this.props.until < Date.now()) this.halt();
              this.forceUpdate();
            }, 250);
          }
          halt() {
            clearInterval(this.ticker);
          }
          render() { return null; }
        }
        """,
        at=((7, 19),),
        why="teardown: a React class component clears only from its callback/halt(), it has no componentWillUnmount",
        message_contains="the component has no `componentWillUnmount()`",
    ),
    Invalid(
        """
        import { PureComponent } from 'react';
        export class Badge extends PureComponent {
          componentDidMount() {
            this.blink = setInterval(() => this.setState({ on: !this.state.on }), 500);
          }
          componentWillUnmount() {
            this.props.onGone();
          }
          pause() {
            clearInterval(this.blink);
          }
          render() { return null; }
        }
        """,
        at=((4, 18),),
        why="teardown: componentWillUnmount exists but neither it nor what it calls clears the interval",
        message_contains="is cleared only where `componentWillUnmount()` does not reach",
    ),
    Invalid(
        """
        import { Component } from 'react';
        let poll;
        export default class Widget extends Component {
          constructor(props) {
            super(props);
            poll = setInterval(() => this.check(), 1000);
          }
          componentWillUnmount() {
            clearInterval(poll);
          }
          check() {}
          render() { return null; }
        }
        """,
        at=((6, 12),),
        why="teardown: a React constructor also runs for instances that never mount (server render, StrictMode)",
        message_contains="including instances it never mounts",
    ),
    Invalid(
        """
        import { useEffect } from 'react';
        export function useBlink(element) {
          useEffect(() => {
            let count = 0;
            const id = setInterval(() => {
              count += 1;
              element.classList.toggle('on');
              if (count > 100) clearInterval(id);
            }, 300);
          }, [element]);
        }
        """,
        at=((5, 16),),
        why="teardown: an effect's interval cleared only by its own callback, no cleanup returned",
        message_contains="no effect of the component returns a cleanup",
    ),
    Invalid(
        """
        class LiveClock extends HTMLElement {
          connectedCallback() {
            this.tick = setInterval(() => { this.textContent = new Date().toISOString(); }, 1000);
          }
          freeze() {
            clearInterval(this.tick);
          }
        }
        customElements.define('live-clock', LiveClock);
        """,
        at=((3, 17),),
        why="teardown: a custom element without disconnectedCallback clearing its interval",
        message_contains="custom element",
    ),
    Invalid(
        """
        const Gallery = {
          props: ['images'],
          data() { return { index: 0 }; },
          mounted() {
            setInterval(() => {
              this.index = (this.index + 1) % this.images.length;
              if (this.images.length === 0) clearInterval();
            }, 3000);
          },
        };
        export default Gallery;
        """,
        at=((5, 5),),
        why="Vue options object bound to a name: mounted() discards the handle; clearInterval() folded in",
        message_contains="runs on every mount and its handle is discarded",
    ),
]

VALID = [
    Valid(
        """
        class StatsMaster {
          constructor() { this.stats = {}; this._addInterval(); }
          countStats() {}
          _addInterval() { setInterval(this.countStats.bind(this, 'interval'), 30000); }
        }
        module.exports = new StatsMaster();
        """,
        why="started by the constructor of the one instance made at module level: once per process",
    ),
    Valid(
        """
        var StatsMaster = function () { this.stats = {}; this._addInterval(); };
        StatsMaster.prototype.countStats = function () {};
        StatsMaster.prototype._addInterval = function () {
          setInterval(this.countStats.bind(this, 'interval'), 30000);
        };
        module.exports = new StatsMaster();
        """,
        why="the same for an ES5 class written as `var F = function`",
    ),
    Valid(
        """
        import { onBeforeUnmount, shallowRef } from 'vue';
        export function usePolled(ms, poll) {
          let handle;
          const stop = () => { if (handle) { clearInterval(handle); handle = undefined; } };
          const result = shallowRef(poll(stop));
          handle = setInterval(() => { result.value = poll(stop); }, ms);
          onBeforeUnmount(() => stop());
          return result;
        }
        """,
        why="teardown: a Vue composable named useX is not a React hook; onBeforeUnmount clears its interval",
    ),
    Valid(
        """
        import { ref, watchEffect } from 'vue';
        export function useTicker(duration) {
          const tick = ref(false);
          watchEffect((onInvalidate) => {
            const handle = setInterval(() => { tick.value = !tick.value; }, duration.value);
            onInvalidate(() => clearInterval(handle));
          });
          return tick;
        }
        """,
        why="teardown: a Vue watchEffect clears its interval in onInvalidate; no React effect is involved",
    ),
    Valid(
        """
        import { useCallback, useEffect, useRef } from 'react';
        export function useStopwatch(onTick) {
          const ref = useRef(null);
          const start = useCallback(() => { ref.current = setInterval(onTick, 10); }, [onTick]);
          const stop = useCallback(() => { clearInterval(ref.current); ref.current = null; }, []);
          useEffect(() => () => stop(), [stop]);
          return { start, stop };
        }
        """,
        why="teardown: the effect cleanup calls a useCallback stop that clears the interval",
    ),
    Valid(
        """
        const http = require('http');
        http.createServer((req, res) => {
          const beat = setInterval(() => res.write(':'), 15000);
          function stop() { clearInterval(beat); }
          res.on('finish', stop);
          res.on('close', stop);
          subscribe(req, res);
        });
        """,
        why="one way out: cleared on 'finish' and on 'close'",
    ),
    Valid(
        """
        const http = require('http');
        http.createServer((req, res) => {
          const beat = setInterval(() => res.write(':'), 15000);
          res.on('close', () => clearInterval(beat));
          subscribe(req, res);
        });
        """,
        why="one way out: a response emits 'close' whether it finished or the client went away (Node 12+)",
    ),
    Valid(
        """
        const http = require('http');
        http.createServer(async (req, res) => {
          const beat = setInterval(() => res.write(':'), 15000);
          req.on('end', () => res.write('got it'));
          try { await work(req); } finally { clearInterval(beat); }
          res.end();
        });
        """,
        why="one way out: a finally clears it whichever way the work ends",
    ),
    Valid(
        """
        export default {
          data() { return { task: null }; },
          methods: {
            halt() { clearInterval(this.task); this.task = null; },
            run(until) {
              const { halt } = this;
              const self = this;
              if (this.task) return;
              this.task = setInterval(() => { if (Date.now() > until) self.halt(); }, 100);
              this.$once('hook:beforeDestroy', () => { halt(); });
            },
          },
        };
        """,
        why="teardown: a $once('hook:beforeDestroy') listener calls a method destructured from this",
    ),
    Valid(
        """
        const express = require('express');
        function Gateway(options) {
          this.options = options;
          this.pending = {};
        }
        Gateway.prototype.start = function (done) {
          this.server = this._build().listen(this.options.port, done);
        };
        Gateway.prototype._build = function () {
          const app = express();
          this._sweepPending();
          return app;
        };
        Gateway.prototype._sweepPending = function () {
          const self = this;
          setInterval(function () {
            for (const id in self.pending) if (self.pending[id].finished) delete self.pending[id];
          }, 5000);
        };
        module.exports = Gateway;
        """,
        why="service: an ES5 class that listens on a port and has no stop; the sweep starts once per instance",
    ),
    Valid(
        """
        const http = require('http');
        class Hub {
          constructor(port) { this.port = port; this.peers = new Map(); }
          start() {
            this.server = http.createServer((req, res) => res.end());
            this.server.listen(this.port);
            this.watchPeers();
          }
          watchPeers() {
            setInterval(() => this.peers.forEach((p) => p.ping()), 30000);
          }
        }
        module.exports = Hub;
        """,
        why="service: a class whose start() listens and that has no close(): its interval lives with the process",
    ),
    Valid(
        """
        import React from 'react';
        export class Countdown extends React.Component {
          componentDidMount() { this.begin(); }
          componentWillUnmount() { this.halt(); }
          begin() { this.ticker = setInterval(() => this.forceUpdate(), 250); }
          halt() { clearInterval(this.ticker); }
          render() { return null; }
        }
        """,
        why="teardown: componentWillUnmount reaches the clear through this.halt()",
    ),
    Valid(
        """
        import { Component } from 'react';
        export class Feed extends Component {
          componentDidMount() { this.poller = setInterval(this.refresh, 5000); }
          componentWillUnmount() { this.stopPolling(); }
          stopPolling = () => { clearInterval(this.poller); };
          refresh = () => {};
          render() { return null; }
        }
        """,
        why="teardown: an arrow class field called from componentWillUnmount clears it",
    ),
    Valid(
        """
        const Screen = {
          data() { return { timer: null }; },
          mounted() {
            this.timer = setInterval(() => {
              if (this.$refs.input) { this.$refs.input.focus(); clearInterval(this.timer); }
            }, 200);
          },
          beforeUnmount() { clearInterval(this.timer); },
        };
        export default Screen;
        """,
        why="teardown: Vue mounted() runs once per instance (no overwrite) and beforeUnmount clears",
    ),
    Valid(
        """
        export default {
          data() { return {}; },
          mounted() {
            const timer = setInterval(() => this.refresh(), 1000);
            this.$once('hook:beforeDestroy', () => clearInterval(timer));
          },
          methods: { refresh() {} },
        };
        """,
        why="teardown: Vue $once('hook:beforeDestroy') clears it",
    ),
    Valid(
        """
        import { useEffect, useRef } from 'react';
        export function Ticker({ onTick }) {
          const ref = useRef(null);
          useEffect(() => {
            ref.current = setInterval(onTick, 1000);
          }, [onTick]);
          useEffect(() => () => clearInterval(ref.current), []);
          return <i />;
        }
        """,
        why="teardown: another effect's cleanup clears the ref's interval",
        lang="tsx",
    ),
    Valid(
        """
        import { useEffect } from 'react';
        export function usePoll(load) {
          useEffect(() => {
            const id = setInterval(load, 1000);
            function stop() { clearInterval(id); }
            return stop;
          }, [load]);
        }
        """,
        why="teardown: the effect returns a named local cleanup",
    ),
    Valid(
        """
        import { Component, OnDestroy } from '@angular/core';
        @Component({ selector: 'app-clock', template: '' })
        export class ClockComponent implements OnDestroy {
          now = Date.now();
          private handle = setInterval(() => { this.now = Date.now(); }, 1000);
          ngOnDestroy(): void { this.stop(); }
          private stop(): void { clearInterval(this.handle); }
        }
        """,
        why="teardown: Angular ngOnDestroy reaches the clear",
        lang="ts",
    ),
    Valid(
        """
        const { EventEmitter } = require('events');
        class Heartbeat extends EventEmitter {
          start() {
            if (this.timer) return;
            this.timer = setInterval(() => this.emit('beat'), 1000);
          }
          stop() { clearInterval(this.timer); this.timer = null; }
        }
        module.exports = Heartbeat;
        """,
        why="teardown: not a component, so a stop() the owner calls is enough",
    ),
    Valid(
        """
        setInterval(() => console.log(process.memoryUsage().rss), 60_000).unref();
        """,
        why="module top level with unref(): meant to run as long as the process",
    ),
    Valid(
        """
        const stats = setInterval(report, 10_000);
        function report() {}
        """,
        why="module top level interval",
    ),
    Valid(
        """
        class Poller {
          start() {
            this.stop();
            this.timer = setInterval(() => this.poll(), 1000);
          }
          stop() { clearInterval(this.timer); }
          poll() {}
        }
        """,
        why="start() clears the previous handle (through stop()) before storing a new one",
    ),
    Valid(
        """
        class Client {
          constructor(socket) {
            this.socket = socket;
            this._startHeartbeat();
          }
          _startHeartbeat() {
            this.heartbeat = setInterval(() => this.socket.ping(), 5000);
          }
          close() { clearInterval(this.heartbeat); }
        }
        """,
        why="a helper that only the constructor calls cannot overwrite a running handle",
    ),
    Valid(
        """
        class Poller {
          start() {
            if (this.timer) return;
            this.timer = setInterval(() => this.poll(), 1000);
          }
          close() { clearInterval(this.timer); this.timer = null; }
          poll() {}
        }
        """,
        why="cleared in close(); start() checks for a running handle",
    ),
    Valid(
        """
        class Heartbeat {
          constructor(socket) {
            this.socket = socket;
            this.interval = setInterval(() => this.socket.ping(), 5000);
          }
          destroy() { clearInterval(this.interval); }
        }
        """,
        why="cleared in destroy()",
    ),
    Valid(
        """
        export class Watcher {
          private handle: ReturnType<typeof setInterval> | undefined;
          constructor(private readonly path: string) {
            this.handle = setInterval(() => this.check(), 250);
          }
          dispose(): void { clearInterval(this.handle); }
          private check(): void {}
        }
        """,
        why="TypeScript: cleared in dispose()",
        lang="ts",
    ),
    Valid(
        """
        @Injectable()
        export class MetricsService implements OnModuleInit, OnModuleDestroy {
          private timer?: NodeJS.Timeout;
          onModuleInit(): void { this.timer = setInterval(() => this.flush(), 10_000); }
          onModuleDestroy(): void { clearInterval(this.timer); }
          private flush(): void {}
        }
        """,
        why="NestJS: started in onModuleInit, cleared in onModuleDestroy",
        lang="ts",
    ),
    Valid(
        """
        class Clock extends React.Component {
          componentDidMount() { this.timer = setInterval(() => this.tick(), 1000); }
          componentWillUnmount() { clearInterval(this.timer); }
          tick() {}
          render() { return <span>{this.state.now}</span>; }
        }
        """,
        why="React class: componentDidMount / componentWillUnmount",
        lang="tsx",
    ),
    Valid(
        """
        import { useEffect, useState } from 'react';
        export function Clock() {
          const [now, setNow] = useState(Date.now());
          useEffect(() => {
            const id = setInterval(() => setNow(Date.now()), 1000);
            return () => clearInterval(id);
          }, []);
          return <span>{now}</span>;
        }
        """,
        why="TSX: useEffect cleanup clears the interval",
        lang="tsx",
    ),
    Valid(
        """
        export function waitFor(check, done) {
          const t = setInterval(() => {
            if (check()) { clearInterval(t); done(); }
          }, 100);
        }
        """,
        why="the interval clears itself from its own callback",
    ),
    Valid(
        """
        process.on('message', (job) => {
          setInterval(function () {
            if (job.done) clearInterval(this);
          }, 100);
        });
        """,
        why="clearInterval(this) in a plain-function callback: `this` is the Timeout",
    ),
    Valid(
        """
        app.post('/import', async (req, res) => {
          const progress = setInterval(() => console.log(req.url), 1000);
          try { await work(req); } finally { clearInterval(progress); }
          res.end();
        });
        """,
        why="cleared in finally",
    ),
    Valid(
        """
        app.get('/events', (req, res) => {
          const timer = setInterval(() => res.write('data: x\\n\\n'), 1000);
          req.on('close', () => clearTimeout(timer));
        });
        """,
        why="clearTimeout clears an interval too",
    ),
    Valid(
        """
        function setInterval(fn, ms) { return fn; }
        app.get('/x', (req, res) => { setInterval(() => res.end(), 10); });
        """,
        why="a local function shadows the global setInterval",
    ),
    Valid(
        """
        import { setInterval } from './scheduler';
        app.get('/x', (req, res) => { setInterval(() => res.end(), 10); });
        """,
        why="an import from another module shadows the global setInterval",
    ),
    Valid(
        """
        export function every(fn, ms) { return setInterval(fn, ms); }
        """,
        why="the handle is returned to the caller",
    ),
    Valid(
        """
        const timers = new Set();
        app.get('/x', (req, res) => {
          timers.add(setInterval(() => console.log(req.url), 1000));
          res.end();
        });
        export function stopAll() { for (const t of timers) clearInterval(t); timers.clear(); }
        """,
        why="the handle is stored in a collection that is cleared elsewhere",
    ),
    Valid(
        """
        export function startMetrics(registry) {
          setInterval(() => registry.collect(), 10_000);
        }
        """,
        why="an exported set-up function that may well run once",
    ),
    Valid(
        """
        class Poller {
          start() {
            const self = this;
            self.timer = setInterval(() => self.poll(), 1000);
          }
          stop() { if (this.timer) clearInterval(this.timer); }
          poll() {}
        }
        """,
        why="cleared through `this` after being stored through an alias",
    ),
    Valid(
        """
        class Session {
          constructor() {
            this.state = { keepAlive: setInterval(() => this.ping(), 1000) };
          }
          end() { clearInterval(this.state.keepAlive); }
          ping() {}
        }
        """,
        why="kept in an object property and cleared through it",
    ),
    Valid(
        """
        var T = null;
        function done() { null !== T && (clearInterval(T), T = null); }
        """,
        why="dead cleanup in a file that starts no interval (ssh2's emscripten-generated poly1305.js)",
    ),
    Valid(
        """
        let timer = null;
        export function start() { if (!timer) timer = setInterval(tick, 10); }
        export function stop() { clearInterval(timer); timer = null; }
        function tick() {}
        """,
        why="clearInterval on a variable that may hold a handle",
    ),
    Valid(
        """
        const sse = new SSE(server);
        sse.on('connection', (client) => {
          let pending = null;
          client.on('open', () => { pending = setInterval(() => client.send('x'), 50); });
          client.on('close', () => clearInterval(pending));
        });
        """,
        why="storing into a closure variable of the connection is not a start() overwrite",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_argumentless_clear_is_folded_into_the_interval_finding():
    findings = run(
        """
        export default {
          data() { return {}; },
          mounted() {
            setInterval(() => {
              if (this.$el) { this.$el.focus(); clearInterval(); }
            }, 500);
          },
        };
        """,
        RULE,
    )
    assert [(f.span.line, f.span.column) for f in findings] == [(4, 5)]
    notes = [(r.span.line, r.message) for r in findings[0].related]
    assert (5, "clearInterval() here is called with no argument, so it clears nothing") in notes


def test_argumentless_clear_stays_its_own_finding_when_the_interval_is_not_reported():
    findings = run(
        """
        const ticker = setInterval(() => {
          if (done()) clearInterval();
        }, 500);
        function done() { return false; }
        """,
        RULE,
    )
    assert [(f.span.line, f.span.column) for f in findings] == [(2, 15)]
    assert "is called with no argument" in findings[0].message


def test_related_explains_repetition_and_retention():
    findings = run(
        """
        app.get('/x', (req, res) => {
          setInterval(() => console.log(req.url), 1000);
          res.end();
        });
        """,
        RULE,
    )
    related = [(r.span.line, r.span.column, r.role) for r in findings[0].related]
    assert related == [(1, 1, "context"), (2, 15, "retained")]
    assert findings[0].related[0].message == "runs repeatedly: GET /x route handler"


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="samples/uncleared-interval is not there")
def test_sample_markers():
    """The leaky sample is reported exactly on the lines under its markers; the fixed twin is silent."""
    leaky = SAMPLES / "leaky.js"
    lines = leaky.read_text(encoding="utf-8").splitlines()
    expected = [number + 1 for number, line in enumerate(lines, 1) if re.search(rf"//\s*expect:\s*{RULE}\b", line)]
    options = AnalysisOptions(rule_codes=(RULE,))
    found = [f.line for f in analyze_path(str(leaky), str(leaky), options).findings]
    assert found == expected
    fixed = SAMPLES / "fixed.js"
    assert analyze_path(str(fixed), str(fixed), options).findings == []


SCRIPT_SETUP_COUNTDOWN = """\
<script setup>
import {{ onMounted, onActivated, onUnmounted, ref, watch }} from 'vue';
const props = defineProps(['target']);
const timer = ref(null);
const left = ref(30);
const startCountdown = () => {{
  timer.value = setInterval(() => {{
    left.value -= 1;
    if (left.value === 0 && timer.value) clearInterval(timer.value);
  }}, 1000);
}};
{start}
onUnmounted(() => {{
  if (timer.value) clearInterval(timer.value);
}});
</script>
"""


@pytest.mark.parametrize(
    ("start", "reported"),
    [
        ("onMounted(() => {\n  startCountdown();\n});", False),
        ("onMounted(startCountdown);", False),
        ("onMounted(() => startCountdown());\nwatch(() => props.target, () => startCountdown());", True),
        ("onActivated(() => {\n  startCountdown();\n});", True),
    ],
    ids=["called once from onMounted", "onMounted callback itself", "also from a watcher", "onActivated runs per activation"],
)
def test_script_setup_handle_is_per_instance_when_filled_once_per_mount(tmp_path, start, reported):
    # `<script setup>` runs once per component instance: `timer` is that instance's, and a function
    # run only from onMounted() fills it once, so "overwrites the handle" cannot happen.
    path = tmp_path / "Countdown.vue"
    path.write_text(SCRIPT_SETUP_COUNTDOWN.format(start=start))
    result = analyze_path(str(path), "Countdown.vue", AnalysisOptions(rule_codes=("LL004",)))
    assert [f.rule for f in result.findings] == (["LL004"] if reported else [])


_POLLER = """
class Provider extends React.Component {
  componentDidMount() { this.begin() }
  componentDidUpdate(prev) { if (this.props.xDomain !== prev.xDomain) this.begin() }
  componentWillUnmount() { clearInterval(this.timer) }
  begin = () => {
    {pre}
    if ({condition}) {
      this.timer = setInterval(() => this.load(), 1000)
    }
  }
  load() {}
}
"""


@pytest.mark.parametrize(
    ("pre", "condition", "reported"),
    [
        # whether to poll at all, from the props: the same on every call, no guard against a second start
        ("const { refreshEvery } = this.props", "refreshEvery", True),
        ("const every = this.props.refreshEvery", "every > 0", True),
        ("", "this.props.refreshEvery", True),
        # state the component changes says nothing of a timer started before either
        ("", "this.state.live", True),
        # a test of the slot itself: a guard
        ("", "!this.timer", False),
        ("const { refreshEvery } = this.props", "refreshEvery && !this.timer", False),
    ],
)
def test_a_condition_that_reads_neither_the_slot_nor_a_flag_is_no_guard(pre, condition, reported):
    code = _POLLER.replace("{pre}", pre).replace("{condition}", condition)
    found = [f for f in run(code, RULE, "tsx") if "overwrites `this.timer`" in f.message]
    assert bool(found) is reported


_WATCH = """
export default {
  props: { active: %PROP% },
  data: () => ({ color: null, blink: null, on: false }),
  watch: {
    %KEY%(val) {
      if (%TEST%) {
        this.blink = setInterval(() => { this.color = this.color ? null : 'red'; }, 500);
      } else {
        %ELSE%
      }
    },
  },
  beforeUnmount() { clearInterval(this.blink); },
};
"""


@pytest.mark.parametrize(
    "prop, key, test, else_branch, reported",
    [
        # a watcher of a Boolean runs on each change: true and false in turn, so a clear precedes each start
        ("{ type: Boolean, default: false }", "active", "val", "clearInterval(this.blink);", False),
        ("Boolean", "active", "val", "clearInterval(this.blink);", False),
        ("Boolean", "on", "val", "clearInterval(this.blink);", False),  # a data field that starts as false
        ("{ type: Boolean }", "active", "!val", "clearInterval(this.blink);", False),  # started on false: also in turn
        ("{ type: Number }", "active", "val", "clearInterval(this.blink);", True),  # 1 → 2: two starts in a row
        ("{ type: Boolean }", "active", "val", "this.color = null;", True),  # the other branch clears nothing
        ("{ type: Boolean }", "active", "val && this.enabled", "clearInterval(this.blink);", True),  # a compound test is not read
    ],
)
def test_a_boolean_watcher_alternates_start_and_clear(prop, key, test, else_branch, reported):
    code = _WATCH.replace("%PROP%", prop).replace("%KEY%", key).replace("%TEST%", test).replace("%ELSE%", else_branch)
    findings = run(code, RULE)
    assert bool(findings) is reported, [f.message for f in findings]


_GUARDED_INIT = """
class Transport {
  constructor() { this.initiated = false; this.handle = undefined; }
  init() {
    %GUARD%
    this.autoExitHook();
    return this;
  }
  autoExitHook() {
    this.handle = setInterval(() => this.check(), 3000);
  }
  check() {}
  destroy() { clearInterval(this.handle); }
}
module.exports = Transport;
"""


@pytest.mark.parametrize(
    "guard, reported",
    [
        # the only caller runs its body once per instance, so the helper stores the handle once
        ("if (this.initiated === true) { console.error('again'); return this; }\n    this.initiated = true;", False),
        ("if (this.initiated) return this;\n    this.initiated = true;", False),
        ("if (this.initiated !== false) return this;\n    this.initiated = true;", False),
        ("if (this.initiated === false) return this;\n    this.initiated = true;", True),  # returns while unset
        ("if (this.initiated === true) return this;", True),  # the flag is never set: no guard
        ("", True),
    ],
)
def test_a_helper_called_behind_a_one_shot_guard_runs_once_per_instance(guard, reported):
    findings = run(_GUARDED_INIT.replace("%GUARD%", guard), RULE)
    assert bool(findings) is reported, [f.message for f in findings]


_CALL_SITE_GUARD = """
export class Poller {
  private interval?: ReturnType<typeof setInterval>;
  private polls: string[] = [];
  start() {
    this.interval = setInterval(() => this.poll(), 1000);
  }
  stop() {
    clearInterval(this.interval);
    this.interval = undefined;
  }
  add(tag: string) {
    this.polls.push(tag);
    %CALL%
  }
  remove(tag: string) {
    this.polls = this.polls.filter((p) => p !== tag);
    if (!this.polls.length) this.stop();
  }
  isPolling() {
    return !!this.interval;
  }
  hasPolls() {
    return this.polls.length > 0;
  }
  poll() {}
}
"""


@pytest.mark.parametrize(
    "call, reported",
    [
        # every caller checks for a running timer first
        ("if (!this.isPolling()) {\n      this.start();\n    }", False),
        ("if (!this.interval) this.start();", False),
        ("if (this.interval === undefined) { this.start(); }", False),
        ("if (!this.hasPolls()) this.start();", True),  # the test does not read the slot
        ("this.start();", True),
        ("if (!this.isPolling()) this.start();\n    this.start();", True),  # one call is unguarded
    ],
)
def test_a_method_every_caller_starts_only_when_none_runs(call, reported):
    findings = run(_CALL_SITE_GUARD.replace("%CALL%", call), RULE, lang="ts")
    assert bool(findings) is reported, [f.message for f in findings]


_CONNECTION_CYCLE = """
module.exports = class WatchDog {
  static start(client) {
    this.client = client;
    this.client.on('%START%', () => {
      this.relaunching = false;
      this.autoDump();
    });
    %OTHER%.on('%STOP%', () => {
      %CLEAR%
      this.retries++;
    });
  }
  static stop() { clearInterval(this.dumpInterval); }
  static autoDump() {
    this.dumpInterval = setInterval(() => this.client.dump(), 300000);
  }
};
"""


@pytest.mark.parametrize(
    "start, stop, other, clear, reported",
    [
        # a connection emits 'reconnecting' / 'close' / 'disconnect' before every further 'ready' / 'connect':
        # the listener of the one clears the handle the listener of the other stores, so no start finds it live
        ("ready", "reconnecting", "this.client", "if (this.dumpInterval) clearInterval(this.dumpInterval);", False),
        ("connect", "close", "this.client", "clearInterval(this.dumpInterval);", False),
        ("connect", "disconnect", "this.client", "clearInterval(this.dumpInterval);", False),
        ("open", "close", "this.client", "if (this.dumpInterval) { clearInterval(this.dumpInterval); }", False),
        # look-alikes: an event that need not come between two starts, another emitter, a clear behind
        # another condition, a listener that does not clear
        ("ready", "message", "this.client", "clearInterval(this.dumpInterval);", True),
        ("ready", "reconnecting", "this.other", "clearInterval(this.dumpInterval);", True),
        ("ready", "reconnecting", "this.client", "if (this.retries > 3) clearInterval(this.dumpInterval);", True),
        ("ready", "reconnecting", "this.client", "this.relaunching = true;", True),
        ("data", "close", "this.client", "clearInterval(this.dumpInterval);", True),
        # the starter is also handed out, so it may run where no connection starts
        ("ready", "reconnecting", "this.client",
         "clearInterval(this.dumpInterval);\n      process.on('SIGHUP', this.autoDump.bind(this));", True),
    ],
)
def test_a_timer_started_on_connect_and_cleared_on_disconnect_is_never_overwritten(start, stop, other, clear, reported):
    code = (_CONNECTION_CYCLE.replace("%START%", start).replace("%STOP%", stop).replace("%OTHER%", other)
            .replace("%CLEAR%", clear))
    findings = run(code, RULE)
    assert bool(findings) is reported, [f.message for f in findings]


def test_a_timer_started_in_the_connect_listener_itself_is_never_overwritten():
    code = """
    const socket = connect();
    let heartbeat;
    socket.on('connect', () => { heartbeat = setInterval(() => socket.emit('ping'), 5000); });
    socket.on('disconnect', () => { clearInterval(heartbeat); });
    """
    assert run(code, RULE) == []
    twin = code.replace("'disconnect'", "'pong'")
    assert [f.rule for f in run(twin, RULE)] == [RULE]
