"""LL013 pipe-per-message: valid and invalid cases with exact positions, and the corpus cases."""

import pytest

from tests.corpus_support import case_folders, check_case
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

RULE = "LL013"

INVALID = [
    Invalid(
        """
        const fs = require('fs');
        const audit = fs.createWriteStream('audit.log', { flags: 'a' });
        app.post('/upload', (req, res) => {
          req.pipe(audit, { end: false });
          req.on('end', () => res.end());
        });
        """,
        at=((4, 3),),
        why="each request body piped into a module-level log stream",
        message_contains="piped into long-lived `audit` in the POST /upload route handler on every request",
    ),
    Invalid(
        """
        const { spawn } = require('child_process');
        app.post('/run', (req, res) => {
          const child = spawn('job', [req.body.name]);
          child.stdout.pipe(process.stdout);
          child.stdout.pipe(res);
        });
        """,
        at=((4, 3),),
        why="a child's output piped into process.stdout per request (the pipe into res is request-scoped)",
    ),
    Invalid(
        """
        const { PassThrough } = require('stream');
        const feed = new PassThrough();
        setInterval(() => {
          makeSnapshotStream().pipe(feed, { end: false });
        }, 1000);
        """,
        at=((4, 3),),
        why="a new source per tick into a shared stream",
    ),
]

VALID = [
    Valid(
        """
        const fs = require('fs');
        const audit = fs.createWriteStream('audit.log', { flags: 'a' });
        app.post('/upload', (req, res) => {
          req.pipe(audit, { end: false });
          req.on('close', () => req.unpipe(audit));
        });
        """,
        why="unpiped when the source closes",
    ),
    Valid(
        """
        const fs = require('fs');
        app.get('/file', (req, res) => { fs.createReadStream(req.query.path).pipe(res); });
        """,
        why="piped into the request-scoped response",
    ),
    Valid(
        """
        const { spawn } = require('child_process');
        function runAll(commands) {
          for (const c of commands) spawn(c).stdout.pipe(process.stdout, { end: false });
        }
        runAll(['a', 'b']);
        """,
        why="a loop's bounded number of sources, once",
    ),
    Valid(
        """
        const upstream = require('./upstream');
        upstream.pipe(process.stdout);
        """,
        why="piped once at start-up",
    ),
    Valid(
        """
        const { pipeline } = require('stream/promises');
        const fs = require('fs');
        const out = fs.createWriteStream('all.log');
        app.post('/x', async (req, res) => { await pipeline(req, fs.createWriteStream(`/tmp/${req.id}`)); res.end(); });
        """,
        why="pipeline() into a per-call destination",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


@pytest.mark.parametrize("folder", case_folders("ll013-"), ids=lambda case: case.slug)
def test_corpus_case(folder):
    check_case(folder, RULE)
