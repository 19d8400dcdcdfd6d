"""LL006 stream shapes beyond write() backpressure (leaklint/model/stream_shapes.py), round-6 miss cause 4.

Two facts, each with cases of both signs: sockets joined both ways with
`.pipe()` and no teardown that closes one when the other fails; transforms
whose readable side nothing reads while something writes into them over and
over.
"""

import pytest

from leaklint import syntax
from leaklint.model import FileModel
from leaklint.model.stream_shapes import unguarded_pipe_pairs, unread_transforms
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL006"

PIPE_INVALID = [
    Invalid(
        """
        const net = require('net');
        net.createServer((client) => {
          const upstream = net.connect(80, 'example.com');
          client.pipe(upstream);
          upstream.pipe(client);
        }).listen(8080);
        """,
        at=((4, 3), (5, 3)),
        why="a TCP proxy: pipes both ways and no handler at all",
        message_contains="on every connection, with",
    ),
    Invalid(
        """
        const net = require('net');
        const server = net.createServer();
        server.on('connection', (client) => {
          const upstream = net.createConnection({ host: 'db', port: 5432 });
          client.pipe(upstream);
          upstream.pipe(client);
          upstream.on('error', (err) => console.log('upstream', err));
          client.on('error', (err) => console.log('client', err));
          client.on('close', () => console.log('client gone'));
        });
        """,
        at=((5, 3), (6, 3)),
        why="'error' and 'close' handlers that only log do not close the peer",
    ),
    Invalid(
        """
        const net = require('net');
        net.createServer((socket) => {
          const remote = net.connect(6379);
          socket.pipe(remote).pipe(socket);
        });
        """,
        at=((4, 3),),
        why="a chained a.pipe(b).pipe(a) is the same pair, reported once",
    ),
    Invalid(
        """
        const http = require('http');
        const net = require('net');
        const proxy = http.createServer();
        proxy.on('connect', (req, clientSocket, head) => {
          const { port, hostname } = new URL(`http://${req.url}`);
          const serverSocket = net.connect(port || 443, hostname, () => {
            clientSocket.write('HTTP/1.1 200 Connection Established\\r\\n\\r\\n');
            serverSocket.write(head);
            serverSocket.pipe(clientSocket);
            clientSocket.pipe(serverSocket);
          });
        });
        """,
        at=((9, 5), (10, 5)),
        why="an HTTP CONNECT tunnel: the listener's second parameter is the client's raw socket",
    ),
    Invalid(
        """
        const net = require('net');
        net.createServer((client) => {
          const upstream = net.connect(80, 'example.com');
          client.on('error', () => client.destroy());
          upstream.on('error', () => upstream.destroy());
          client.pipe(upstream);
          upstream.pipe(client);
        });
        """,
        at=((6, 3), (7, 3)),
        why="each side destroys only itself on error: its peer stays open",
    ),
]

PIPE_VALID = [
    Valid(
        """
        const net = require('net');
        const { pipeline } = require('stream');
        net.createServer((client) => {
          const upstream = net.connect(80, 'example.com');
          pipeline(client, upstream, (err) => err && console.log(err));
          pipeline(upstream, client, (err) => err && console.log(err));
        });
        """,
        why="pipeline() destroys both streams when either fails",
    ),
    Valid(
        """
        const net = require('net');
        const stream = require('stream');
        net.createServer((client) => {
          const upstream = net.connect(80, 'example.com');
          stream.pipeline(client, upstream, client, () => {});
        });
        """,
        why="stream.pipeline() in a loop of three",
    ),
    Valid(
        """
        const net = require('net');
        net.createServer((client) => {
          const upstream = net.connect(80, 'example.com');
          client.pipe(upstream);
          upstream.pipe(client);
          client.on('error', () => upstream.destroy());
          upstream.on('error', () => client.destroy());
        });
        """,
        why="each side's 'error' destroys the other",
    ),
    Valid(
        """
        const net = require('net');
        net.createServer((client) => {
          const upstream = net.connect(80, 'example.com');
          client.pipe(upstream);
          upstream.pipe(client);
          client.on('close', () => upstream.destroy());
        });
        """,
        why="the client's 'close' destroys the upstream",
    ),
    Valid(
        """
        const net = require('net');
        net.createServer((client) => {
          const upstream = net.connect(80, 'example.com');
          function cleanup() {
            client.destroy();
            upstream.destroy();
          }
          client.on('error', cleanup).on('close', cleanup);
          upstream.on('error', cleanup);
          client.pipe(upstream).pipe(client);
        });
        """,
        why="a shared cleanup function called from the teardown listeners",
    ),
    Valid(
        """
        const net = require('net');
        const { finished } = require('stream');
        net.createServer((client) => {
          const upstream = net.connect(80, 'example.com');
          finished(client, () => upstream.destroy());
          client.pipe(upstream);
          upstream.pipe(client);
        });
        """,
        why="finished() on one side destroys the other",
    ),
    Valid(
        """
        const net = require('net');
        const socket = net.connect(7000, 'localhost');
        process.stdin.pipe(socket);
        socket.pipe(process.stdout);
        """,
        why="a netcat-like CLI: stdin to the socket and the socket to stdout, not a pair",
    ),
    Valid(
        """
        const net = require('net');
        const left = net.connect(7000);
        const right = net.connect(7001);
        left.pipe(right);
        right.pipe(left);
        """,
        why="a one-shot pipe at module level runs once",
    ),
    Valid(
        """
        const net = require('net');
        const dnode = require('dnode');
        net.createServer((socket) => {
          const d = dnode({ ping: (cb) => cb('pong') });
          socket.pipe(d).pipe(socket);
        });
        """,
        why="an in-process duplex (an RPC endpoint) joined to a socket goes away with it",
    ),
    Valid(
        """
        const net = require('net');
        net.createServer((client) => {
          const upstream = net.connect(80, 'example.com');
          client.pipe(upstream);
        });
        """,
        why="one direction only: not a pair (the upstream ends when the client ends)",
    ),
]

TRANSFORM_INVALID = [
    Invalid(
        """
        const morgan = require('morgan');
        const through2 = require('through2');
        module.exports = function logger(debug) {
          const lines = through2(function (line, enc, callback) {
            debug(String(line).trim());
            this.push(line);
            callback();
          });
          return morgan('tiny', { stream: lines });
        };
        """,
        at=((6, 5),),
        why="a through2 transform given to morgan as its stream: each request's line is pushed, nothing reads",
        message_contains="nothing reads its readable side",
    ),
    Invalid(
        """
        const Morgan = require('morgan');
        const through2 = require('through2');
        module.exports = function (format, options) {
          options = options || {};
          const stream = through2(function (output, enc, callback) {
            console.log(String(output));
            this.push(output);
            callback();
          });
          options.stream = options.stream ? stream.pipe(options.stream) : stream;
          return Morgan(format, options);
        };
        """,
        at=((7, 5),),
        why="piped on one branch, handed to morgan unread on the other (morgan-debug)",
    ),
    Invalid(
        """
        const express = require('express');
        const { PassThrough } = require('stream');
        const audit = new PassThrough();
        const app = express();
        app.use((req, res, next) => {
          audit.write(`${req.method} ${req.url}\\n`);
          next();
        });
        """,
        at=((6, 3),),
        why="a module-level PassThrough written by a middleware and never read",
    ),
    Invalid(
        """
        const http = require('http');
        const { Transform } = require('stream');
        const upper = new Transform({
          transform(chunk, encoding, callback) {
            callback(null, chunk.toString().toUpperCase());
          },
        });
        http.createServer((req, res) => {
          upper.write(req.url);
          res.end('ok');
        }).listen(3000);
        """,
        at=((5, 5),),
        why="a Transform that passes its output to callback(null, …), written per request, never read",
    ),
    Invalid(
        """
        const pino = require('pino');
        const through2 = require('through2');
        const tee = through2.obj(function (entry, enc, cb) {
          this.push(entry);
          cb();
        });
        module.exports = pino(tee);
        """,
        at=((4, 3),),
        why="a through2.obj transform given to pino as its destination",
    ),
]

TRANSFORM_VALID = [
    Valid(
        """
        const Morgan = require('morgan');
        const through2 = require('through2');
        module.exports = function (format, options) {
          options = options || {};
          const passThru = !!options.stream;
          const stream = through2(function (output, enc, callback) {
            console.log(String(output));
            if (passThru) this.push(output);
            callback();
          });
          options.stream = options.stream ? stream.pipe(options.stream) : stream;
          return Morgan(format, options);
        };
        """,
        why="pushes only when something reads (morgan-debug's fix)",
    ),
    Valid(
        """
        const morgan = require('morgan');
        const through2 = require('through2');
        const lines = through2(function (line, enc, callback) {
          console.log(String(line));
          callback();
        });
        module.exports = morgan('tiny', { stream: lines });
        """,
        why="a transform that pushes nothing keeps nothing",
    ),
    Valid(
        """
        const { PassThrough } = require('stream');
        const audit = new PassThrough();
        audit.pipe(process.stdout);
        app.use((req, res, next) => {
          audit.write(`${req.url}\\n`);
          next();
        });
        """,
        why="piped to stdout",
    ),
    Valid(
        """
        const { PassThrough } = require('stream');
        const audit = new PassThrough();
        audit.on('data', (line) => store(line));
        app.use((req, res, next) => {
          audit.write(req.url);
          next();
        });
        """,
        why="a 'data' listener reads it",
    ),
    Valid(
        """
        const { PassThrough } = require('stream');
        const audit = new PassThrough();
        app.use((req, res, next) => {
          audit.write(req.url);
          next();
        });
        (async () => {
          for await (const line of audit) upload(line);
        })();
        """,
        why="read by a for await loop",
    ),
    Valid(
        """
        const { PassThrough, pipeline } = require('stream');
        const audit = new PassThrough();
        pipeline(audit, fs.createWriteStream('audit.log'), () => {});
        app.use((req, res, next) => {
          audit.write(req.url);
          next();
        });
        """,
        why="read through pipeline()",
    ),
    Valid(
        """
        const { PassThrough } = require('stream');
        const audit = new PassThrough();
        app.use((req, res, next) => {
          audit.write(req.url);
          next();
        });
        module.exports = audit;
        """,
        why="exported: the readers are elsewhere",
    ),
    Valid(
        """
        const { PassThrough } = require('stream');
        function makeFeed() {
          const feed = new PassThrough();
          setInterval(() => feed.write(String(Date.now())), 1000);
          return feed;
        }
        """,
        why="returned to the caller, who reads it",
    ),
    Valid(
        """
        const { PassThrough } = require('stream');
        app.get('/once', (req, res) => {
          const body = new PassThrough();
          body.write('hello');
          body.end();
        });
        """,
        why="a stream made per request and dropped with it",
    ),
    Valid(
        """
        const { PassThrough } = require('stream');
        const audit = new PassThrough();
        audit.resume();
        app.use((req, res, next) => {
          audit.write(req.url);
          next();
        });
        """,
        why="resume() discards what is pushed",
    ),
]


@pytest.mark.parametrize("case", PIPE_INVALID + TRANSFORM_INVALID, ids=ids(PIPE_INVALID + TRANSFORM_INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", PIPE_VALID + TRANSFORM_VALID, ids=ids(PIPE_VALID + TRANSFORM_VALID))
def test_valid(case):
    check_valid(case, RULE)


def _model(code: str) -> FileModel:
    import textwrap

    source = textwrap.dedent(code).lstrip("\n").encode()
    grammar = syntax.Grammar.JAVASCRIPT
    return FileModel("case.js", source, grammar, syntax.parse(source, grammar))


def test_pipe_pair_fact_names_both_directions_and_origins():
    model = _model(PIPE_INVALID[0].code)
    pairs = unguarded_pipe_pairs(model)
    assert [(syntax.text(p.source), syntax.text(p.dest)) for p in pairs] == [
        ("client", "upstream"), ("upstream", "client")
    ]
    first = pairs[0]
    assert syntax.text(first.back.node) == "upstream.pipe(client)"
    assert first.source_origin.kind == "socket" and first.dest_origin.kind == "connection"
    assert first.frequency.repeats_for_sure


def test_pair_findings_are_high_confidence_with_the_other_direction_related():
    findings = run(PIPE_INVALID[0].code, RULE)
    assert [f.confidence for f in findings] == ["high", "high"]
    notes = [r.message for r in findings[0].related]
    assert "the other direction of the same pair" in notes
    assert any("a connection opened by net.connect()" in n for n in notes)


def test_unread_transform_fact_names_the_push_and_the_logger():
    model = _model(TRANSFORM_INVALID[1].code)
    (found,) = unread_transforms(model)
    assert found.binding.name == "stream"
    assert syntax.text(found.fill) == "this.push(output)"
    assert "`morgan`" in found.writer_reason
    kinds = sorted(use.kind for use in found.uses)
    assert kinds == ["read", "sink"]  # the read is on the other branch of the same conditional


def test_unread_transform_written_per_request_names_the_write():
    findings = run(TRANSFORM_INVALID[2].code, RULE)
    (finding,) = findings
    assert finding.confidence == "medium"
    assert any("created here" in r.message for r in finding.related)
