"""Fix tables for LL007 and later: input, the exact fixed output, and that the output re-analyses clean."""

import pytest

from leaklint.findings import Applicability
from tests.fixtest import FixCase, _source, check_fix, fixed
from tests.ruletest import ids, run

LL011 = [
    FixCase(
        """
        function processReport() {
          const hugeDataset = loadMillionRecords();
          return function getStats() {
            return { count: hugeDataset.length };
          };
        }
        const getStats = processReport();
        """,
        """
        function processReport() {
          const hugeDataset = loadMillionRecords();
          const hugeDatasetLength = hugeDataset.length;
          return function getStats() {
            return { count: hugeDatasetLength };
          };
        }
        const getStats = processReport();
        """,
        "seed 001 Leak 3: the count is read before the getter is returned",
        title_contains="Read `hugeDataset.length` before creating the closure",
    ),
    FixCase(
        """
        const recent = [];
        function build(id) {
          const rows = loadRows(id);
          recent.push(() => ({ id, rows: rows.length, again: rows.length }))
          if (recent.length > 10) recent.shift()
        }
        """,
        """
        const recent = [];
        function build(id) {
          const rows = loadRows(id);
          const rowsLength = rows.length
          recent.push(() => ({ id, rows: rowsLength, again: rowsLength }))
          if (recent.length > 10) recent.shift()
        }
        """,
        "every read is replaced, and a file without semicolons gets none",
    ),
    FixCase(
        """
        const bus = require('./bus');
        function watch(path) {
          const contents = fs.readFileSync(path);
          const contentsByteLength = 0;
          bus.on('stat', (reply) => reply(contents.byteLength));
        }
        watch('/data/big.bin');
        """,
        """
        const bus = require('./bus');
        function watch(path) {
          const contents = fs.readFileSync(path);
          const contentsByteLength = 0;
          const contentsByteLength2 = contents.byteLength;
          bus.on('stat', (reply) => reply(contentsByteLength2));
        }
        watch('/data/big.bin');
        """,
        "the new name does not collide with one the file uses",
    ),
    FixCase(
        """
        class Cache {
          static getters = [];
        }
        function remember() {
          const buffer = Buffer.alloc(64 * 1024 * 1024);
          Cache.getters.push(() => {
            buffer.length = 0;
            return buffer.length;
          });
        }
        """,
        None,
        "a closure that writes the field gets no fix",
    ),
]

LL008 = [
    FixCase(
        """
        async function ping(url) {
          const res = await fetch(url);
          return res.ok;
        }
        setInterval(() => ping(process.env.HEALTH_URL), 1000);
        """,
        """
        async function ping(url) {
          const res = await fetch(url);
          await res.body?.cancel();
          return res.ok;
        }
        setInterval(() => ping(process.env.HEALTH_URL), 1000);
        """,
        "the global fetch: the unread body is cancelled right after the response arrives",
        title_contains="Cancel the unread body",
    ),
    FixCase(
        """
        import { fetch } from 'undici'
        export async function poll(urls) {
          for (const url of urls) {
            const response = await fetch(url)
            if (!response.ok) console.warn(url, response.status)
          }
        }
        """,
        """
        import { fetch } from 'undici'
        export async function poll(urls) {
          for (const url of urls) {
            const response = await fetch(url)
            await response.body?.cancel()
            if (!response.ok) console.warn(url, response.status)
          }
        }
        """,
        "undici's fetch in a loop, in a file without semicolons",
    ),
    FixCase(
        """
        const fetch = require('node-fetch');
        async function ping(url) {
          const res = await fetch(url);
          return res.ok;
        }
        setInterval(() => ping(process.env.HEALTH_URL), 1000);
        """,
        None,
        "node-fetch's body is a Node Readable without cancel(): no fix",
    ),
    FixCase(
        """
        async function ping(url) {
          const { ok } = await fetch(url);
          return ok;
        }
        setInterval(() => ping(process.env.HEALTH_URL), 1000);
        """,
        None,
        "a destructured response has no name to cancel the body through: no fix",
    ),
]

LL010 = [
    FixCase(
        """
        const http = require('http');
        function inStock(id) {
          return new Promise((resolve, reject) => {
            const req = http.get(`http://stock.local/items/${id}`, (res) => {
              resolve(res.statusCode === 200);
            });
            req.on('error', reject);
          });
        }
        app.get('/stock/:id', async (req, res) => res.send(await inStock(req.params.id)));
        """,
        """
        const http = require('http');
        function inStock(id) {
          return new Promise((resolve, reject) => {
            const req = http.get(`http://stock.local/items/${id}`, (res) => {
              res.resume();
              resolve(res.statusCode === 200);
            });
            req.on('error', reject);
          });
        }
        app.get('/stock/:id', async (req, res) => res.send(await inStock(req.params.id)));
        """,
        "the reply of an http.get is resumed first thing in its callback",
        title_contains="Discard the unread reply",
    ),
    FixCase(
        """
        const http = require('http');
        setInterval(() => {
          http.get('http://127.0.0.1:9000/ping', (reply) => {})
        }, 1000)
        """,
        """
        const http = require('http');
        setInterval(() => {
          http.get('http://127.0.0.1:9000/ping', (reply) => {
            reply.resume()
          })
        }, 1000)
        """,
        "an empty callback gets the resume as its only statement",
    ),
    FixCase(
        """
        const http = require('http');
        setInterval(() => {
          http.get('http://127.0.0.1:9000/ping', (res) => console.log(res.statusCode));
        }, 1000);
        """,
        None,
        "an arrow with an expression body has no statement list: no fix",
    ),
    FixCase(
        """
        const fs = require('fs');
        app.get('/size', (req, res) => {
          const stream = fs.createReadStream(req.query.path);
          res.send(String(stream.path));
        });
        """,
        None,
        "a file stream: where to destroy it is the author's call, no fix",
    ),
]

LL012 = [
    FixCase(
        """
        exports.find = function (items, id) {
          for (i = 0; i < items.length; i++) if (items[i].id === id) return items[i];
        };
        """,
        """
        exports.find = function (items, id) {
          let i;
          for (i = 0; i < items.length; i++) if (items[i].id === id) return items[i];
        };
        """,
        "a loop counter used only in its function is declared at the function's top",
        title_contains="Declare `i` with `let` in",
    ),
    FixCase(
        """
        var spawn = require('child_process').spawn;
        exports.request = function (args, callback) {
          child = spawn('curl', args);
          var out = '';
          child.stdout.on('data', function (data) { out += data; });
          child.on('exit', function (code) { callback(code, out); });
        };
        """,
        """
        var spawn = require('child_process').spawn;
        exports.request = function (args, callback) {
          let child;
          child = spawn('curl', args);
          var out = '';
          child.stdout.on('data', function (data) { out += data; });
          child.on('exit', function (code) { callback(code, out); });
        };
        """,
        "uses in nested callbacks still belong to the outer function",
    ),
    FixCase(
        """
        // request log
        var fs = require('fs');
        function start() { requests = []; }
        function record(req) { requests.push(req.url); }
        module.exports = { start: start, record: record };
        """,
        """
        // request log
        let requests;
        var fs = require('fs');
        function start() { requests = []; }
        function record(req) { requests.push(req.url); }
        module.exports = { start: start, record: record };
        """,
        "uses in two functions: declared at the top of the module",
        title_contains="at the top of the module",
    ),
    FixCase(
        """
        var log = require('./log');
        function hit() {
          count = (typeof count === 'number' ? count : 0) + 1;
          log(count);
        }
        module.exports = hit;
        """,
        """
        let count;
        var log = require('./log');
        function hit() {
          count = (typeof count === 'number' ? count : 0) + 1;
          log(count);
        }
        module.exports = hit;
        """,
        "read before it is written: the value carries over between calls, so it goes at module level",
    ),
    FixCase(
        """
        function setup(config) {
          settings = config;
          return global.settings;
        }
        module.exports = setup;
        """,
        None,
        "the file also reaches the name through global.: no fix",
    ),
]

LL013 = [
    FixCase(
        """
        const fs = require('fs');
        const audit = fs.createWriteStream('audit.log', { flags: 'a' });
        app.post('/upload', (req, res) => {
          req.pipe(audit, { end: false });
          req.on('end', () => res.end());
        });
        """,
        """
        const fs = require('fs');
        const audit = fs.createWriteStream('audit.log', { flags: 'a' });
        app.post('/upload', (req, res) => {
          req.pipe(audit, { end: false });
          res.once('close', () => req.unpipe(audit));
          req.on('end', () => res.end());
        });
        """,
        "in a route handler the source is unpiped when the response closes",
        title_contains="when `res` closes",
    ),
    FixCase(
        """
        const { EventEmitter } = require('events');
        const { spawn } = require('child_process');
        const monitor = new EventEmitter();
        monitor.on('start', (script) => {
          const child = spawn(process.execPath, [script]);
          child.stdout.pipe(process.stdout, { end: false });
          child.on('exit', () => monitor.emit('start', script));
        });
        """,
        """
        const { EventEmitter } = require('events');
        const { spawn } = require('child_process');
        const monitor = new EventEmitter();
        monitor.on('start', (script) => {
          const child = spawn(process.execPath, [script]);
          child.stdout.pipe(process.stdout, { end: false });
          child.stdout.once('close', function () { this.unpipe(process.stdout); });
          child.on('exit', () => monitor.emit('start', script));
        });
        """,
        "outside a request the source unpipes itself when it closes (`this` is the source)",
    ),
    FixCase(
        """
        const { PassThrough } = require('stream');
        let feed = new PassThrough();
        setInterval(() => {
          const tick = new PassThrough();
          tick.pipe(feed);
          tick.write('x');
        }, 1000);
        process.on('SIGHUP', () => { feed = new PassThrough(); });
        """,
        None,
        "a reassigned destination may be another stream when the listener runs: no fix",
    ),
    FixCase(
        """
        const sink = require('./sink');
        app.get('/events', (req, res) => {
          openActivity(req.query.id).pipe(sink, { end: false });
          res.end('ok');
        });
        """,
        None,
        "a source without a name cannot be unpiped later: no fix",
    ),
]

TABLES = {"LL008": LL008, "LL010": LL010, "LL011": LL011, "LL012": LL012, "LL013": LL013}
ALL_CASES = [(rule, case) for rule, cases in TABLES.items() for case in cases]


@pytest.mark.parametrize("rule,case", ALL_CASES, ids=[f"{r}-{w}" for (r, _), w in zip(ALL_CASES, ids([c for _, c in ALL_CASES]))])
def test_fix(rule, case):
    check_fix(case, rule)


@pytest.mark.parametrize("rule", sorted(TABLES))
def test_fixes_are_unsafe(rule):
    case = TABLES[rule][0]
    assert not fixed(_source(case.code), rule, unsafe=False).changed
    [finding] = run(case.code, rule)
    assert finding.fix.applicability is Applicability.UNSAFE
