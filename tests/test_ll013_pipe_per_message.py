"""LL013 pipe-per-message: valid and invalid cases with exact positions, and the corpus cases."""

import pytest

from tests.corpus_support import case_folders, check_case
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

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
    Valid(
        """
        app.post('/upload', (req, res) => {
          const sink = fs.createWriteStream(`/tmp/${req.id}`);
          req.on('data', () => {});
          req.on('readable', () => { req.pipe(sink); });
        });
        """,
        why="the destination belongs to the request handler, which runs again with a new one each time",
    ),
    Valid(
        """
        function serve(server) {
          server.on('connection', (socket) => {
            const sink = fs.createWriteStream(`/tmp/${socket.remotePort}`);
            socket.on('data', () => {});
            socket.pipe(sink);
          });
        }
        serve(require('./server'));
        """,
        why="the destination is created per connection",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


# Real cases the rule misses today, each with why; strict, so a fix that finds one must drop it here.
KNOWN_MISSES = {
    "ll013-netlify-output-flusher-per-step": "the per-step transforms are piped from a function called in a "
    "loop, and the rule leaves loops alone (their sources usually end); these transforms never end",
}


def _corpus_param(folder):
    reason = KNOWN_MISSES.get(folder.slug)
    marks = (pytest.mark.xfail(reason=reason, strict=True),) if reason else ()
    return pytest.param(folder, id=folder.slug, marks=marks)


@pytest.mark.parametrize("folder", [_corpus_param(folder) for folder in case_folders("ll013-")])
def test_corpus_case(folder):
    check_case(folder, RULE)


_COMMAND = """
const child = require('child_process');
const http = require('http');
http.createServer((req, res) => {
  %BODY%
  res.end();
});
"""


@pytest.mark.parametrize(
    "body, reported",
    [
        # exec()/execFile() run a command to its end: its output ends, and pipe() unpipes itself
        ("const c = child.exec('ls', () => {});\n  c.stdout.pipe(process.stdout);", False),
        ("child.execFile('ls', [], () => {}).stderr.pipe(process.stderr);", False),
        ("const c = child.spawn('tail', ['-f', 'x']);\n  c.stdout.pipe(process.stdout);", True),  # may never end
        ("let c = child.exec('ls');\n  c = child.spawn('tail');\n  c.stdout.pipe(process.stdout);", True),
    ],
)
def test_the_output_of_a_finished_command_is_not_reported(body, reported):
    findings = run(_COMMAND.replace("%BODY%", body), RULE)
    assert bool(findings) is reported, [f.message for f in findings]
