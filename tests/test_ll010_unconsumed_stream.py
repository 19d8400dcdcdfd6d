"""LL010 unconsumed-stream: valid and invalid cases with exact positions, and the corpus cases."""

import pytest

from tests.corpus_support import case_folders, check_case
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL010"

INVALID = [
    Invalid(
        """
        const fs = require('fs');
        const stream = fs.createReadStream('huge-file.csv');
        """,
        at=((2, 16),),
        why="seed 001 Leak 5: a read stream nobody reads",
        message_contains="never read, piped, resumed or destroyed",
    ),
    Invalid(
        """
        import { createReadStream } from 'node:fs';
        app.get('/f', (req, res) => {
          const file = createReadStream(req.query.path);
          file.on('error', () => res.sendStatus(404));
        });
        """,
        at=((3, 16),),
        why="only an error listener",
    ),
    Invalid(
        """
        const http = require('http');
        function up(url, cb) {
          http.get(url, (res) => cb(res.statusCode === 200));
        }
        """,
        at=((3, 3),),
        why="http.get response used for its status only",
        message_contains="the response `res` of `http.get()`",
    ),
    Invalid(
        """
        const https = require('https');
        function get(url, cb) {
          https.get(url, (res) => {
            if (res.statusCode !== 200) return cb(new Error(String(res.statusCode)));
            res.pipe(process.stdout);
          });
        }
        """,
        at=((3, 3),),
        why="response consumed only after an early return",
        message_contains="consumed only on the success path",
    ),
    Invalid(
        """
        const fs = require('fs');
        app.get('/f', (req, res) => {
          fs.createReadStream(req.query.path).on('error', () => res.end());
        });
        """,
        at=((3, 3),),
        why="a chain of listeners that reads nothing",
    ),
]

VALID = [
    Valid(
        """
        const fs = require('fs');
        const stream = fs.createReadStream('huge-file.csv');
        stream.on('data', (chunk) => console.log(chunk.length));
        stream.on('error', (err) => stream.destroy());
        """,
        why="seed 001's fix: a 'data' listener and destroy on error",
    ),
    Valid(
        """
        const fs = require('fs');
        app.get('/f', (req, res) => { fs.createReadStream(req.query.path).on('error', () => res.end()).pipe(res); });
        """,
        why="piped at the end of a listener chain",
    ),
    Valid(
        """
        const fs = require('fs');
        const { pipeline } = require('stream/promises');
        export async function copy(a, b) { await pipeline(fs.createReadStream(a), fs.createWriteStream(b)); }
        """,
        why="handed to pipeline()",
    ),
    Valid(
        """
        const fs = require('fs');
        export async function count(path) {
          let n = 0;
          for await (const chunk of fs.createReadStream(path)) n += chunk.length;
          return n;
        }
        """,
        why="iterated with for await",
    ),
    Valid(
        """
        const fs = require('fs');
        export function open(path) { const s = fs.createReadStream(path); return s; }
        """,
        why="returned to the caller",
    ),
    Valid(
        """
        const http = require('http');
        function up(url, cb) {
          http.get(url, (res) => { res.resume(); cb(res.statusCode === 200); });
        }
        """,
        why="response resumed",
    ),
    Valid(
        """
        const http = require('http');
        function get(url, cb) {
          http.get(url, (res) => {
            if (res.statusCode !== 200) { res.resume(); return cb(new Error('x')); }
            let body = '';
            res.on('data', (c) => { body += c; });
            res.on('end', () => cb(null, body));
          });
        }
        """,
        why="resumed before the early return",
    ),
    Valid(
        """
        const http = require('http');
        function get(url, cb) { http.get(url, (res) => handle(res, cb)); }
        """,
        why="response handed to a helper",
    ),
    Valid(
        """
        const got = { get: (u, f) => f({ statusCode: 200 }) };
        got.get('x', (res) => console.log(res.statusCode));
        """,
        why="not Node's http module",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


@pytest.mark.parametrize("folder", case_folders("ll010-"), ids=lambda case: case.slug)
def test_corpus_case(folder):
    check_case(folder, RULE)


def test_corpus_has_six_cases():
    assert len(case_folders("ll010-")) >= 6


def test_callee_split_over_lines_is_named_without_whitespace():
    findings = run(
        """
        const http = require('http');
        function up(url, cb) {
          http
            .request(url, (res) => cb(res.statusCode))
            .end();
        }
        """,
        RULE,
    )
    assert len(findings) == 1 and "`http.request()`" in findings[0].message, findings


def test_exit_guarded_by_a_flag_only_a_listener_sets_is_not_an_early_exit():
    # streetmerchant src/web/index.ts: `responseDead` can only be set by the 'error' listener, later.
    code = """
        import { createReadStream } from 'fs';
        export function send(path, response) {
          try {
            const stream = createReadStream(path);
            let responseDead = false;
            stream.on('error', () => { responseDead = true; response.end(); });
            if (responseDead) {
              return;
            }
            stream.pipe(response);
          } catch (error) {
            response.end();
          }
        }
        """
    assert run(code, RULE) == []
    # a flag that may start out true can take the exit: still reported
    assert [(f.line, f.column) for f in run(code.replace("let responseDead = false;", "let responseDead = path === '';"), RULE)] == [(4, 20)]
    flagged = code.replace("if (responseDead) {", "if (path.endsWith('/')) {")
    assert [(f.line, f.column) for f in run(flagged, RULE)] == [(4, 20)]
