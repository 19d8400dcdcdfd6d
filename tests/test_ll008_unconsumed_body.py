"""LL008 unconsumed-body: valid and invalid cases with exact positions, and the corpus cases."""

import pytest

from tests.corpus_support import case_folders, check_case
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

RULE = "LL008"

INVALID = [
    Invalid(
        """
        async function ping(url) {
          const res = await fetch(url);
          return res.ok;
        }
        setInterval(() => ping(process.env.HEALTH_URL), 1000);
        """,
        at=((2, 21),),
        why="health check reads only res.ok, from a timer",
        message_contains="on every timer tick is used only for its status or headers",
    ),
    Invalid(
        """
        async function probe(url) {
          const res = await fetch(url, { method: 'HEAD', ...extra, headers: { a: '1' } });
          return res.headers.get('content-type');
        }
        setInterval(() => probe(process.env.U), 1000);
        """,
        at=((2, 21),),
        why="a spread after `method: 'HEAD'` may set another method: the HEAD twin below must not cover it",
    ),
    Invalid(
        """
        app.get('/kind', async (req, res) => {
          const type = await fetch(req.query.u, { ...defaults(), method: 'GET' });
          res.send(type.headers.get('content-type'));
        });
        """,
        at=((2, 22),),
        why="an explicit GET after a spread has a body to read (twin of the HEAD case)",
    ),
    Invalid(
        """
        app.get('/y', async (req, res) => {
          const { status } = await fetch(req.query.u);
          res.sendStatus(status);
        });
        """,
        at=((2, 28),),
        why="only status destructured",
    ),
    Invalid(
        """
        import fetch from 'node-fetch';
        app.get('/h', async (req, res) => {
          if ((await fetch(req.query.u)).ok) res.end('up');
        });
        """,
        at=((3, 14),),
        why="node-fetch response read for .ok inline",
    ),
    Invalid(
        """
        const undici = require('undici');
        app.post('/hook', async (req, res) => {
          const r = await undici.fetch(process.env.HOOK, { method: 'POST', body: req.body });
          if (!r.ok) throw new Error(`hook failed: ${r.status}`);
          res.json(await r.json());
        });
        """,
        at=((3, 19),),
        why="body read only after a throw on the error path",
        message_contains="read only on the success path",
    ),
    Invalid(
        """
        export async function warm(urls) {
          for (const url of urls) {
            await fetch(url);
          }
        }
        """,
        at=((3, 11),),
        why="response discarded in a loop",
        message_contains="in a loop",
    ),
]

VALID = [
    Valid(
        """
        async function ping(url) {
          const res = await fetch(url, { method: 'HEAD' });
          return res.ok;
        }
        setInterval(() => ping(process.env.HEALTH_URL), 1000);
        """,
        why="a HEAD response has no body: nothing holds the connection (undici advises HEAD for headers only)",
    ),
    Valid(
        """
        app.get('/kind', async (req, res) => {
          const type = await fetch(req.query.u, { ...defaults(), method: "HEAD" });
          res.send(type.headers.get('content-type'));
        });
        """,
        why="HEAD after a spread of default options: the last `method` wins",
    ),
    Valid(
        """
        app.get('/x', async (req, res) => {
          const r = await fetch(req.query.u);
          res.json(await r.json());
        });
        """,
        why="body read",
    ),
    Valid(
        """
        app.get('/x', async (req, res) => {
          const r = await fetch(req.query.u);
          if (!r.ok) { await r.body?.cancel(); return res.sendStatus(502); }
          res.send(await r.text());
        });
        """,
        why="cancelled on the error path",
    ),
    Valid(
        """
        export async function get(url) {
          const r = await fetch(url);
          if (!r.ok) throw new Error(await r.text());
          return r;
        }
        """,
        why="returned to the caller",
    ),
    Valid(
        """
        app.get('/proxy', async (req, res) => {
          const upstream = await fetch(req.query.u);
          res.status(upstream.status);
          Readable.fromWeb(upstream.body).pipe(res);
        });
        """,
        why="body piped on",
    ),
    Valid(
        """
        app.get('/x', async (req, res) => {
          const r = await fetch(req.query.u);
          await check(r);
        });
        """,
        why="handed to a helper",
    ),
    Valid(
        """
        app.get('/x', async (req, res) => {
          const r = await fetch(req.query.u);
          for await (const chunk of r.body) res.write(chunk);
          res.end();
        });
        """,
        why="body iterated",
    ),
    Valid(
        """
        const r = await fetch(process.env.CONFIG_URL);
        if (!r.ok) process.exit(1);
        """,
        why="once at start-up",
    ),
    Valid(
        """
        export async function save(data) {
          const res = await fetch('/api/save', { method: 'POST', body: JSON.stringify(data) });
          if (!res.ok) window.alert('failed');
        }
        """,
        why="browser code: the body is collected with the response",
    ),
    Valid(
        """
        const fetch = (u) => ({ ok: true });
        app.get('/x', async (req, res) => { const r = await fetch(req.url); res.end(String(r.ok)); });
        """,
        why="a local function named fetch",
    ),
    Valid(
        """
        app.get('/x', async (req, res) => {
          const { ok, body } = await fetch(req.query.u);
          res.json({ ok, size: (await new Response(body).text()).length });
        });
        """,
        why="body destructured and read",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


@pytest.mark.parametrize("folder", case_folders("ll008-"), ids=lambda case: case.slug)
def test_corpus_case(folder):
    check_case(folder, RULE)


def test_corpus_has_six_cases():
    assert len(case_folders("ll008-")) >= 6
