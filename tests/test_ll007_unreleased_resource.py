"""LL007 unreleased-resource: valid and invalid cases with exact positions, the table, config, corpus."""

import pytest

from leaklint.config import ConfigError, parse_table
from leaklint.engine import AnalysisOptions, analyze_source
from leaklint.model.resources import ALL_SHAPES, builtin_table, parse_pattern
from leaklint.syntax import Grammar
from tests.corpus_support import case_folders, check_case
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL007"

INVALID = [
    Invalid(
        """
        const { Pool } = require('pg');
        const pool = new Pool();
        class Probe {
          async probe(text) {
            await pool.connect();
            return pool.query(text);
          }
        }
        module.exports = Probe;
        """,
        at=((5, 11),),
        why="a dropped pool.connect() on a pool nothing closes checks out a client nobody releases",
    ),
    Invalid(
        """
        const puppeteer = require('puppeteer');
        app.get('/shot', async (req, res) => {
          const browser = await puppeteer.launch();
          const page = await browser.newPage();
          await page.goto(req.query.url);
          res.send(await page.screenshot());
        });
        """,
        at=((3, 25),),
        why="browser launched per request and never closed (its page is closed with it, so only the browser is reported)",
        message_contains="is acquired in the GET /shot route handler on every request and never released",
    ),
    Invalid(
        """
        let browser;
        async function check(url) {
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.goto(url);
          await context.close();
        }
        setInterval(() => check('https://example.com'), 60000);
        """,
        at=((3, 25),),
        why="context closed only on the success path (the monitoring app from the issue)",
        message_contains="released only on the success path",
    ),
    Invalid(
        """
        const { chromium } = require('playwright');
        let browser;
        setInterval(async () => {
          browser = await chromium.connect(process.env.WS);
          console.log(await browser.version());
        }, 60000);
        """,
        at=((4, 3),),
        why="module-level browser overwritten on every tick without closing the old one",
        message_contains="without releasing (.close() / .disconnect()) the one it already holds",
    ),
    Invalid(
        """
        const { Pool } = require('pg');
        const pool = new Pool();
        app.get('/rows', async (req, res) => {
          const client = await pool.connect();
          if (!req.query.id) return res.status(400).end();
          const { rows } = await client.query('select 1');
          client.release();
          res.json(rows);
        });
        """,
        at=((4, 24),),
        why="pooled client released after an early return",
        message_contains="returns early",
    ),
    Invalid(
        """
        import { createClient } from 'redis';
        export async function handler(event) {
          const client = createClient({ url: process.env.REDIS_URL });
          await client.connect();
          return client.get(event.key);
        }
        """,
        at=((3, 18),),
        why="redis client per call, never quit (an exported function: medium confidence)",
        lang="ts",
    ),
    Invalid(
        """
        const fs = require('fs');
        app.post('/tail', async (req, res) => {
          const handle = await fs.promises.open(req.body.path, 'r');
          const { bytesRead } = await handle.read(Buffer.alloc(100), 0, 100, 0);
          await handle.close();
          res.json({ bytesRead });
        });
        """,
        at=((3, 24),),
        why="file handle closed only when read() does not throw",
    ),
    Invalid(
        """
        const fs = require('fs');
        app.get('/watch', (req, res) => {
          fs.watch(req.query.path, () => res.write('changed'));
        });
        """,
        at=((3, 3),),
        why="a watcher whose handle is dropped: its listener is no callback that receives it",
    ),
    Invalid(
        """
        const { Worker } = require('worker_threads');
        class Pool {
          constructor() { this.worker = null; }
        }
        let worker;
        app.post('/restart', (req, res) => {
          worker = new Worker('./job.js');
          res.end();
        });
        """,
        at=((7, 3),),
        why="long-lived worker replaced per request without terminate()",
    ),
    Invalid(
        """
        const db = require('./db');
        app.get('/x', async (req, res) => {
          const conn = await db.acquire();
          res.json(await conn.run('select 1'));
        });
        """,
        at=((3, 22),),
        why="a configured resource would not be known by default; see test_configured_resources",
    ),
]
# The last case needs configuration; it is checked separately.
CONFIGURED = INVALID.pop()

VALID = [
    Valid(
        """
        const sql = require('mssql');
        class SqlProbe {
          async probe(settings, text) {
            const pool = new sql.ConnectionPool(settings);
            try {
              await pool.connect();
              return await pool.request().query(text);
            } finally {
              await pool.close();
            }
          }
        }
        module.exports = SqlProbe;
        """,
        why="a dropped pool.connect() on a pool the same function closes opened the pool itself (mssql ConnectionPool)",
    ),
    Valid(
        """
        app.get('/ok', async (req, res) => {
          const page = await browser.newPage();
          try { await page.goto(req.query.url); res.send(await page.content()); }
          finally { await page.close(); }
        });
        """,
        why="released in finally",
    ),
    Valid(
        """
        app.get('/ok', async (req, res) => {
          await using page = await browser.newPage();
          await page.goto(req.query.url);
        });
        """,
        why="`await using` releases on every path",
    ),
    Valid(
        """
        app.get('/ok', (req, res) => {
          return pool.connect().then(async (client) => {
            await client.query('select 1');
          });
        });
        """,
        why="the client is handed to a callback (not tracked)",
    ),
    Valid(
        """
        export async function openPage(browser) {
          const page = await browser.newPage();
          await page.setViewport({ width: 800, height: 600 });
          return page;
        }
        """,
        why="handed to the caller: returned",
    ),
    Valid(
        """
        app.get('/h', async (req, res) => {
          const page = await browser.newPage();
          await render(page, res);
        });
        """,
        why="handed on to a helper, which may close it",
    ),
    Valid(
        """
        const puppeteer = require('puppeteer');
        let browser;
        async function getBrowser() {
          if (!browser) browser = await puppeteer.launch();
          return browser;
        }
        app.get('/x', async (req, res) => { const b = await getBrowser(); res.end(); });
        """,
        why="lazy init guarded by a read of the slot",
    ),
    Valid(
        """
        const { chromium } = require('playwright');
        let browser;
        setInterval(async () => {
          await browser?.close();
          browser = await chromium.launch();
        }, 60000);
        """,
        why="the old value is closed before it is replaced",
    ),
    Valid(
        """
        const puppeteer = require('puppeteer');
        const browserPromise = puppeteer.launch();
        async function main() { const browser = await puppeteer.launch(); globalThis.b = browser; }
        main();
        """,
        why="launched at start-up, or stored on a global",
    ),
    Valid(
        """
        app.get('/x', async (req, res) => {
          const client = await pool.connect();
          res.on('close', () => client.release());
          res.json(await client.query('select 1'));
        });
        """,
        why="released by a cleanup listener",
    ),
    Valid(
        """
        app.get('/x', async (req, res) => {
          const client = await pool.connect();
          try { res.json(await client.query('select 1')); }
          catch (error) { client.release(); throw error; }
          client.release();
        });
        """,
        why="released in catch and after the try",
    ),
    Valid(
        """
        app.get('/x', async (req, res) => {
          const page = await browser.newPage();
          try { await page.goto(req.query.url); } catch (error) { console.error(error); }
          await page.close();
        });
        """,
        why="the throwing call is wrapped in a try whose catch swallows the error",
    ),
    Valid(
        """
        const { Worker } = require('worker_threads');
        app.post('/job', (req, res) => {
          const worker = new Worker('./job.js', { workerData: req.body });
          worker.on('message', (m) => res.json(m));
        });
        """,
        why="a worker whose script ends exits by itself: only the overwrite shape applies to workers",
    ),
    Valid(
        """
        const mysql = require('mysql2');
        let connection;
        suite.on('start', () => {
          connection = mysql.createConnection({ port: 3306 });
        });
        suite.on('complete', () => connection.end());
        """,
        why="an event listener ('start' may fire once): not a handler or timer (node-mysql2 benchmark)",
    ),
    Valid(
        """
        class Service {
          async connect() { this.client = await MongoClient.connect(process.env.URL); }
        }
        """,
        why="a field set by a method that may run once (not a handler or timer)",
    ),
    Valid(
        """
        app.get('/cb', (req, res) => {
          pool.connect((err, client, release) => {
            client.query('select 1', () => { release(); res.end(); });
          });
        });
        """,
        why="callback style: the pool hands the client to the callback",
    ),
    Valid(
        """
        const launch = (x) => x;
        app.get('/x', async (req, res) => { const b = await launch(req); res.end(); });
        """,
        why="a bare name that is not the puppeteer one",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def _run_with(code: str, resources: tuple) -> list:
    import textwrap

    options = AnalysisOptions(rule_codes=(RULE,), rule_options=(("resources", resources),))
    source = textwrap.dedent(code).lstrip("\n").encode()
    return analyze_source("case.js", source, Grammar.JAVASCRIPT, options).findings


def test_configured_resources_extend_the_table():
    assert run(CONFIGURED.code, RULE) == []
    findings = _run_with(CONFIGURED.code, (("db.acquire", ("release",)),))
    assert [(f.line, f.column) for f in findings] == list(CONFIGURED.at)
    assert "a `db.acquire` resource" in findings[0].message
    released = CONFIGURED.code.replace("res.json(await conn.run('select 1'));",
                                       "try { res.json(await conn.run('select 1')); } finally { conn.release(); }")
    assert _run_with(released, (("db.acquire", ("release",)),)) == []


def test_config_table_is_validated():
    config = parse_table({"resources": {"db.acquire": "release", "new  Mutex": ["unlock", "dispose"]}}, "p")
    assert config.rule_options.resources == (("db.acquire", ("release",)), ("new Mutex", ("unlock", "dispose")))
    assert ("resources", config.rule_options.resources) in config.rule_options.as_pairs()
    with pytest.raises(ConfigError, match="'resources' must be a table"):
        parse_table({"resources": ["db.acquire"]}, "p")
    with pytest.raises(ConfigError, match="entry 'db.acquire' must map to a release method"):
        parse_table({"resources": {"db.acquire": []}}, "p")
    with pytest.raises(ConfigError, match="is not an acquire pattern"):
        parse_table({"resources": {"db..acquire()": "release"}}, "p")


def test_shipped_table_covers_the_issue_list():
    acquires = {pattern for kind in builtin_table() for pattern in kind.acquire}
    for wanted in ("puppeteer.launch", "*.newPage", "*.newContext", "chromium.launch", "chromium.connect",
                   "redis.createClient", "new Redis", "new pg.Pool", "new Client", "mysql.createConnection",
                   "mysql.createPool", "new MongoClient", "promises.open", "new Worker", "net.connect", "sharp",
                   "vm.createContext"):
        assert wanted in acquires, wanted
    for kind in builtin_table():
        assert set(kind.shapes) <= set(ALL_SHAPES)
    assert parse_pattern("new pg.Pool", builtin_table()[0]).receiver == "pg"
    assert parse_pattern("sharp", builtin_table()[0]).receiver is None


@pytest.mark.parametrize("folder", case_folders("ll007-"), ids=lambda case: case.slug)
def test_corpus_case(folder):
    check_case(folder, RULE)


def test_corpus_has_six_cases():
    assert len(case_folders("ll007-")) >= 6
