"""Per-rule fixes as tables: input, the fixed output byte for byte, clean and idempotent afterwards."""

from __future__ import annotations

import json

import pytest

from leaklint import syntax
from leaklint.findings import Applicability
from tests.fixtest import FixCase, _source, check_fix, fixed
from tests.ruletest import ids, run

LL001 = [
    FixCase(
        """
        const seen = new Set();
        app.post('/events', (req, res) => {
          seen.add(req.body.id);
          res.end();
        });
        """,
        """
        const SEEN_MAX_SIZE = 100;
        const seen = new Set();
        app.post('/events', (req, res) => {
          seen.add(req.body.id);
          if (seen.size > SEEN_MAX_SIZE) seen.delete(seen.keys().next().value);
          res.end();
        });
        """,
        "a Set grown by .add() gets a named cap that drops the oldest member",
        title_contains="SEEN_MAX_SIZE",
    ),
    FixCase(
        """
        const reportCache = new Map();
        function getReport(id) {
          let report = reportCache.get(id);
          if (report === undefined) {
            report = build(id);
            reportCache.set(id, report); // memoise
          }
          return report;
        }
        app.get('/r', (req, res) => res.json(getReport(req.query.id)));
        """,
        """
        const REPORT_CACHE_MAX_SIZE = 100;
        const reportCache = new Map();
        function getReport(id) {
          let report = reportCache.get(id);
          if (report === undefined) {
            report = build(id);
            reportCache.set(id, report); // memoise
            if (reportCache.size > REPORT_CACHE_MAX_SIZE) reportCache.delete(reportCache.keys().next().value);
          }
          return report;
        }
        app.get('/r', (req, res) => res.json(getReport(req.query.id)));
        """,
        "the cap goes after the .set() statement and its trailing comment, indented like it",
    ),
    FixCase(
        """
        const log = [];
        app.get('/u/:id', (req, res) => {
          log.push(req.params.id);
          res.end();
        });
        """,
        None,
        "arrays get no fix: which end to drop is the program's decision",
    ),
    FixCase(
        """
        const cache = new Map();
        app.get('/u/:id', (req, res) => {
          res.json(cache.set(req.params.id, 1));
        });
        """,
        None,
        "a .set() inside an expression: only the LRUCache suggestion, never applied",
    ),
    FixCase(
        """
        const started = new Map();
        app.use((req, res, next) => {
          started.set(req, Date.now());
          res.on('finish', () => log(Date.now() - started.get(req)));
          next();
        });
        """,
        """
        const started = new WeakMap();
        app.use((req, res, next) => {
          started.set(req, Date.now());
          res.on('finish', () => log(Date.now() - started.get(req)));
          next();
        });
        """,
        "keyed by the request and never iterated: a WeakMap",
        title_contains="WeakMap",
    ),
    FixCase(
        """
        const started = new Map();
        app.use((req, res, next) => {
          started.set(req, Date.now());
          next();
        });
        setInterval(() => console.log(started.size), 1000);
        """,
        """
        const STARTED_MAX_SIZE = 100;
        const started = new Map();
        app.use((req, res, next) => {
          started.set(req, Date.now());
          if (started.size > STARTED_MAX_SIZE) started.delete(started.keys().next().value);
          next();
        });
        setInterval(() => console.log(started.size), 1000);
        """,
        "object keys but .size is read: a WeakMap has none, so the cap instead",
    ),
]

LL002 = [
    FixCase(
        """
        const { EventEmitter } = require('events');
        const bus = new EventEmitter();
        app.get('/x', (req, res) => {
          const onTick = (data) => res.write(data);
          bus.on('tick', onTick);
        });
        """,
        """
        const { EventEmitter } = require('events');
        const bus = new EventEmitter();
        app.get('/x', (req, res) => {
          const onTick = (data) => res.write(data);
          bus.on('tick', onTick);
          res.on('close', () => bus.off('tick', onTick));
        });
        """,
        "a named listener is removed when the response closes",
        title_contains="`res` closes",
    ),
    FixCase(
        """
        const { EventEmitter } = require('events');
        const bus = new EventEmitter();
        app.get('/x', (req, res) => {
          bus.addListener('user-update', (data) => res.write(data));
        });
        """,
        """
        const { EventEmitter } = require('events');
        const bus = new EventEmitter();
        app.get('/x', (req, res) => {
          const onUserUpdate = (data) => res.write(data);
          bus.addListener('user-update', onUserUpdate);
          res.on('close', () => bus.removeListener('user-update', onUserUpdate));
        });
        """,
        "an inline listener is named first, and addListener is undone by removeListener",
    ),
    FixCase(
        """
        const net = require('net');
        const { EventEmitter } = require('events');
        const bus = new EventEmitter();
        net.createServer((socket) => {
          bus.on('news', (item) => socket.write(item));
        }).listen(0);
        """,
        """
        const net = require('net');
        const { EventEmitter } = require('events');
        const bus = new EventEmitter();
        net.createServer((socket) => {
          const onNews = (item) => socket.write(item);
          bus.on('news', onNews);
          socket.on('close', () => bus.off('news', onNews));
        }).listen(0);
        """,
        "a connection handler removes the listener when its socket closes",
    ),
    FixCase(
        """
        const { EventEmitter } = require('events');
        const bus = new EventEmitter();
        app.get('/x', (req, res) => {
          bus.on('tick', (data) => res.write(data), { passive: true });
        });
        """,
        None,
        "options would have to be repeated on the removal: no fix",
    ),
    FixCase(
        """
        const { EventEmitter } = require('events')
        const bus = new EventEmitter()
        app.get('/x', (req, res) => {
          bus.on('tick', (data) => res.write(data))
        })
        """,
        """
        const { EventEmitter } = require('events')
        const bus = new EventEmitter()
        app.get('/x', (req, res) => {
          const onTick = (data) => res.write(data)
          bus.on('tick', onTick)
          res.on('close', () => bus.off('tick', onTick))
        })
        """,
        "a file written without semicolons gets none",
    ),
    FixCase(
        """
        const { EventEmitter } = require('node:events');
        const bus = new EventEmitter();
        app.get('/x', (req, res) => {
          const controller = new AbortController();
          bus.on('tick', (data) => res.write(data), { signal: controller.signal });
          res.on('close', () => controller.abort());
        });
        """,
        """
        const { EventEmitter } = require('node:events');
        const bus = new EventEmitter();
        app.get('/x', (req, res) => {
          const controller = new AbortController();
          const onTick = (data) => res.write(data);
          bus.on('tick', onTick);
          controller.signal.addEventListener('abort', () => bus.off('tick', onTick), { once: true });
          res.on('close', () => controller.abort());
        });
        """,
        "{ signal } passed to EventEmitter.on(), which ignores it: drop it and remove on abort",
        title_contains="aborts",
    ),
    FixCase(
        """
        class Worker {
          constructor() {
            process.on('message', (message) => this.handle(message));
          }

          handle(message) {}

          close() {
            this.closed = true;
          }
        }
        module.exports = { Worker };
        """,
        """
        class Worker {
          constructor() {
            this.onMessageListener = (message) => this.handle(message);
            process.on('message', this.onMessageListener);
          }

          handle(message) {}

          close() {
            this.closed = true;
            process.off('message', this.onMessageListener);
          }
        }
        module.exports = { Worker };
        """,
        "a class with close(): the listener is kept in a field and removed there",
        title_contains="in `close()`",
    ),
    FixCase(
        """
        export class Adapter {
          constructor(private nsp: string) {
            process.on("message", (message: any) => this.onMessage(message));
          }

          onMessage(message: any) {}

          destroy() {}
        }
        """,
        """
        export class Adapter {
          private onMessageListener!: (...args: any[]) => void;
          constructor(private nsp: string) {
            this.onMessageListener = (message: any) => this.onMessage(message);
            process.on("message", this.onMessageListener);
          }

          onMessage(message: any) {}

          destroy() {
            process.off("message", this.onMessageListener);
          }
        }
        """,
        "TypeScript: the field is declared too",
        lang="ts",
    ),
    FixCase(
        """
        class Worker {
          constructor() {
            process.on('message', (message) => this.handle(message));
          }

          handle(message) {}
        }
        module.exports = { Worker };
        """,
        None,
        "no stop method to remove it in: creating one is left to people",
    ),
]

LL003 = [
    FixCase(
        """
        const jobs = [];
        app.get('/report/:id', (req, res) => {
          jobs.push(() => sendEmailFor(req.params.id, req.user.email, req.params.id));
          res.json({ scheduled: true });
        });
        """,
        """
        const jobs = [];
        app.get('/report/:id', (req, res) => {
          const id = req.params.id;
          const userEmail = req.user.email;
          jobs.push(() => sendEmailFor(id, userEmail, id));
          res.json({ scheduled: true });
        });
        """,
        "each property read becomes one const above the statement (repeated reads share it)",
        title_contains="Copy the values",
    ),
    FixCase(
        """
        const jobs = [];
        app.post('/orders', async (req, res) => {
          const id = 1;
          jobs.push({ run: () => {
            receipt(req.headers['x-customer-id'], req.body.toString(), id);
          } });
          res.end();
        });
        """,
        """
        const jobs = [];
        app.post('/orders', async (req, res) => {
          const id = 1;
          const xCustomerId = req.headers['x-customer-id'];
          const body = req.body;
          jobs.push({ run: () => {
            receipt(xCustomerId, body.toString(), id);
          } });
          res.end();
        });
        """,
        "a string subscript names the const; a method call copies only its receiver",
    ),
    FixCase(
        """
        const jobs = [];
        app.get('/report/:id', (req, res) => {
          jobs.push(() => audit(req));
          res.json({ scheduled: true });
        });
        """,
        None,
        "the closure uses the request object itself: no value to copy",
    ),
]

LL004 = [
    FixCase(
        """
        app.post('/imports', async (req, res) => {
          const job = createJob();
          setInterval(() => reportProgress(job), 1000);
          await run(job);
          res.end();
        });
        """,
        """
        app.post('/imports', async (req, res) => {
          const job = createJob();
          const reportProgressTimer = setInterval(() => reportProgress(job), 1000);
          res.on('close', () => clearInterval(reportProgressTimer));
          await run(job);
          res.end();
        });
        """,
        "a discarded handle in a request handler is kept and cleared when the response closes",
        title_contains="`res` closes",
    ),
    FixCase(
        """
        app.get('/stream', (req, res) => {
          const heartbeat = setInterval(() => res.write(':\\n\\n'), 15000);
          res.write('data: hello\\n\\n');
        });
        """,
        """
        app.get('/stream', (req, res) => {
          const heartbeat = setInterval(() => res.write(':\\n\\n'), 15000);
          res.on('close', () => clearInterval(heartbeat));
          res.write('data: hello\\n\\n');
        });
        """,
        "a handle kept in a const but never cleared is cleared when the response closes",
    ),
    FixCase(
        """
        class Ticker {
          start() {
            setInterval(tick, 1000);
          }

          destroy() {}
        }
        """,
        """
        class Ticker {
          start() {
            clearInterval(this.tickTimer);
            this.tickTimer = setInterval(tick, 1000);
          }

          destroy() {
            clearInterval(this.tickTimer);
          }
        }
        """,
        "in a class: a field cleared in destroy(), then (second pass) cleared before a restart",
    ),
    FixCase(
        """
        class Poller {
          start() {
            this.timer = setInterval(() => this.poll(), 1000);
          }

          stop() {
            clearInterval(this.timer);
          }
        }
        """,
        """
        class Poller {
          start() {
            clearInterval(this.timer);
            this.timer = setInterval(() => this.poll(), 1000);
          }

          stop() {
            clearInterval(this.timer);
          }
        }
        """,
        "start() overwriting a running handle clears the old one first",
        title_contains="before storing a new one",
    ),
    FixCase(
        """
        class Ticker {
          start() {
            setInterval(tick, 1000);
          }
        }
        """,
        None,
        "no stop/close/destroy method to clear it in: creating one is left to people",
    ),
    FixCase(
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
        """
        import { useEffect, useState } from 'react';
        export function Clock() {
          const [now, setNow] = useState(Date.now());
          useEffect(() => {
            const setNowTimer = setInterval(() => setNow(Date.now()), 1000);
            return () => clearInterval(setNowTimer);
          }, []);
          return <span>{now}</span>;
        }
        """,
        "in a useEffect: keep the handle and return a cleanup that clears it",
        title_contains="effect's cleanup",
    ),
    FixCase(
        """
        import { useEffect } from 'react';
        export function Poll({ load }) {
          useEffect(() => {
            const id = setInterval(load, 5000);
          }, [load]);
          return null;
        }
        """,
        """
        import { useEffect } from 'react';
        export function Poll({ load }) {
          useEffect(() => {
            const id = setInterval(load, 5000);
            return () => clearInterval(id);
          }, [load]);
          return null;
        }
        """,
        "in a useEffect with the handle already in a const: only the cleanup is added",
    ),
]

LL005 = [
    FixCase(
        """
        let current = null;
        function reload(load) {
          const previous = current;
          const changed = (item) => previous !== null && !previous.items.includes(item);
          const items = load().filter(changed);
          current = { items, find(id) { return items.find((i) => i.id === id); } };
        }
        setInterval(() => reload(() => []), 1000);
        """,
        """
        let current = null;
        function reload(load) {
          let previous = current;
          const changed = (item) => previous !== null && !previous.items.includes(item);
          const items = load().filter(changed);
          current = { items, find(id) { return items.find((i) => i.id === id); } };
          previous = null;
        }
        setInterval(() => reload(() => []), 1000);
        """,
        "the shared variable becomes a let and is nulled at the end",
        title_contains="`previous` to null",
    ),
    FixCase(
        """
        let current = null;
        function reload(load) {
          let previous = current;
          const changed = (item) => previous !== null && !previous.items.includes(item);
          const items = load().filter(changed);
          current = { items, find(id) { return items.find((i) => i.id === id); } };
          return items.length;
        }
        setInterval(() => reload(() => []), 1000);
        """,
        """
        let current = null;
        function reload(load) {
          let previous = current;
          const changed = (item) => previous !== null && !previous.items.includes(item);
          const items = load().filter(changed);
          current = { items, find(id) { return items.find((i) => i.id === id); } };
          previous = null;
          return items.length;
        }
        setInterval(() => reload(() => []), 1000);
        """,
        "a final return that does not read the variable: nulled just before it",
    ),
    FixCase(
        """
        let current = null;
        function reload(load) {
          const previous = current;
          const changed = (item) => previous !== null && !previous.items.includes(item);
          const items = load().filter(changed);
          if (items.length === 0) return 0;
          current = { items, find(id) { return items.find((i) => i.id === id); } };
          return items.length;
        }
        setInterval(() => reload(() => []), 1000);
        """,
        None,
        "several returns: no single end to put the assignment at",
    ),
]

LL006 = [
    FixCase(
        """
        'use strict';
        const http = require('node:http');
        const { Writable } = require('node:stream');
        const archive = new Writable({ write(chunk, encoding, callback) { setTimeout(callback, 2); } });
        http.createServer((req, res) => {
          for (let page = 0; page < 16; page += 1) {
            archive.write(render(page));
          }
          res.end();
        });
        """,
        """
        'use strict';
        const http = require('node:http');
        const { Writable } = require('node:stream');
        const { once } = require('node:events');
        const archive = new Writable({ write(chunk, encoding, callback) { setTimeout(callback, 2); } });
        http.createServer(async (req, res) => {
          for (let page = 0; page < 16; page += 1) {
            if (!archive.write(render(page))) {
              await once(archive, 'drain');
            }
          }
          res.end();
        });
        """,
        "a loop in a request handler awaits 'drain'; the handler becomes async and once is required once",
        title_contains="'drain'",
    ),
    FixCase(
        """
        import { createWriteStream } from 'node:fs';
        const out = createWriteStream('/tmp/log');
        export async function dump(rows) {
          for (const row of rows) {
            out.write(row);
          }
        }
        setInterval(() => dump([]), 1000);
        """,
        """
        import { createWriteStream } from 'node:fs';
        import { once } from 'node:events';
        const out = createWriteStream('/tmp/log');
        export async function dump(rows) {
          for (const row of rows) {
            if (!out.write(row)) {
              await once(out, 'drain');
            }
          }
        }
        setInterval(() => dump([]), 1000);
        """,
        "an ES module gets an import after its last import",
    ),
    FixCase(
        """
        const fs = require('fs');
        const { once } = require('events');
        app.post('/upload', async (req, res) => {
          const out = fs.createWriteStream('/tmp/x');
          for await (const chunk of req) {
            out.write(chunk);
          }
          res.end();
        });
        """,
        """
        const fs = require('fs');
        const { once } = require('events');
        app.post('/upload', async (req, res) => {
          const out = fs.createWriteStream('/tmp/x');
          for await (const chunk of req) {
            if (!out.write(chunk)) {
              await once(out, 'drain');
            }
          }
          res.end();
        });
        """,
        "once already imported from events: no second import",
    ),
    FixCase(
        """
        const fs = require('fs');
        const net = require('net');
        net.createServer((socket) => {
          const out = fs.createWriteStream('/tmp/x');
          socket.on('data', (chunk) => {
            out.write(chunk);
          });
        }).listen(1);
        """,
        """
        const fs = require('fs');
        const net = require('net');
        net.createServer((socket) => {
          const out = fs.createWriteStream('/tmp/x');
          socket.on('data', (chunk) => {
            if (!out.write(chunk)) {
              socket.pause();
              out.once('drain', () => socket.resume());
            }
          });
        }).listen(1);
        """,
        "a 'data' handler pauses its source until the destination drains",
        title_contains="Pause `socket`",
    ),
    FixCase(
        """
        const fs = require('fs');
        const out = fs.createWriteStream('/tmp/x');
        app.post('/upload', (req, res) => {
          [1, 2, 3].forEach((n) => {
            out.write(String(n));
          });
          res.end();
        });
        """,
        None,
        "inside a forEach callback an await would not hold the loop: no fix",
    ),
]

TABLES = {"LL001": LL001, "LL002": LL002, "LL003": LL003, "LL004": LL004, "LL005": LL005, "LL006": LL006}
ALL_CASES = [(rule, case) for rule, cases in TABLES.items() for case in cases]


@pytest.mark.parametrize("rule,case", ALL_CASES, ids=[f"{rule}-{why}" for rule, why in zip([r for r, _ in ALL_CASES], ids([c for _, c in ALL_CASES]))])
def test_fix(rule, case):
    check_fix(case, rule)


def test_fixes_are_unsafe_and_not_applied_without_unsafe_fixes():
    rule, case = "LL002", LL002[0]
    outcome = fixed(_source(case.code), rule, unsafe=False)
    assert not outcome.changed
    [finding] = outcome.kept
    assert finding.fix.applicability is Applicability.UNSAFE


def test_map_set_inside_an_expression_gets_a_display_only_lru_suggestion():
    [finding] = run(LL001[3].code, "LL001")
    assert finding.fix is not None and finding.fix.applicability is Applicability.DISPLAY_ONLY
    assert "new LRUCache({ max: 1000 })" in [e.text for e in finding.fix.edits]
    assert "lru-cache" in finding.fix.title


def test_lru_cache_replaces_the_map_when_the_project_depends_on_it(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"lru-cache": "^10.2.0"}}))
    (tmp_path / "src").mkdir()
    path = str(tmp_path / "src" / "app.js")
    source = _source(LL001[3].code)
    outcome = fixed(source, "LL001", path=path)
    assert outcome.source == _source(
        """
        const { LRUCache } = require('lru-cache');
        const cache = new LRUCache({ max: 1000 });
        app.get('/u/:id', (req, res) => {
          res.json(cache.set(req.params.id, 1));
        });
        """
    ), outcome.source.decode()
    assert outcome.kept == []


def test_an_old_lru_cache_without_the_named_export_is_not_used(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"lru-cache": "^6.0.0"}}))
    outcome = fixed(_source(LL001[3].code), "LL001", path=str(tmp_path / "app.js"))
    assert not outcome.changed


@pytest.mark.parametrize(
    ("source", "bound"),
    [
        ("import { once } from 'node:events';", {"once"}),
        ("import { once } from 'events';", {"once"}),
        ("import { once as drained, on } from 'events';", {"drained", "on"}),
        ("import events, { once } from 'events';", {"once"}),
        ("import { once } from 'other';", set()),
        ("const { once } = require('node:events');", {"once"}),
        ("const { once: drained } = require('events');", {"drained"}),
        ("const once = require('events').once;", set()),
        ("let { once } = require(name);", set()),
        ("function f() { const { once } = require('events'); }", set()),
    ],
)
def test_names_bound_from_a_module_are_read_from_the_tree(source, bound):
    from leaklint.rules.fixes import _names_bound_from

    tree = syntax.parse(source.encode(), syntax.Grammar.JAVASCRIPT)
    tops = [c for c in tree.root_node.named_children if c.type != "comment"]
    assert _names_bound_from(tops, "node:events") == bound
