"""LL006 ignored-backpressure: valid and invalid cases with exact positions."""

import re
from pathlib import Path

import pytest

from leaklint.engine import AnalysisOptions, analyze_path
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL006"
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "ignored-backpressure"

INVALID = [
    Invalid(
        """
        const net = require('net');
        const fs = require('fs');
        const server = net.createServer((socket) => {
          const fileWriter = fs.createWriteStream('./logs/traffic.log');
          socket.on('data', (chunk) => {
            const canAcceptMore = fileWriter.write(chunk);
            if (!canAcceptMore) {
              console.log('Disk buffer full, accumulating in memory...');
            }
          });
        });
        """,
        at=((6, 27),),
        why="seed 000: the false return is checked but only logged",
        message_contains=(
            "`fileWriter.write()` in a 'data' handler ignores backpressure: when the disk is slower than "
            "the socket, chunks queue in memory without bound"
        ),
    ),
    Invalid(
        """
        const fs = require('node:fs');
        export function copy(source, path) {
          const out = fs.createWriteStream(path);
          source.on('data', (chunk) => out.write(chunk));
        }
        """,
        at=((4, 32),),
        why="arrow listener returns write()'s result to the emitter, which drops it",
    ),
    Invalid(
        """
        const { Writable } = require('node:stream');
        const archive = new Writable({ write(chunk, encoding, callback) { setTimeout(callback, 2); } });
        const server = http.createServer((req, res) => {
          for (let page = 0; page < 16; page += 1) {
            archive.write(render(page));
          }
          res.end('queued');
        });
        """,
        at=((5, 5),),
        why="a fixed batch written to a long-lived stream on every request (the samples/ pattern)",
        message_contains="in a for loop run on every request",
    ),
    Invalid(
        """
        import { createWriteStream } from 'node:fs';
        export async function save(source, path) {
          const out = createWriteStream(path);
          for await (const chunk of source) {
            out.write(chunk);
          }
          out.end();
        }
        """,
        at=((5, 5),),
        why="for await over a source, writing without waiting",
        message_contains="in a `for await` loop ignores backpressure: when the disk is slower than the source",
    ),
    Invalid(
        """
        app.get('/export', async (req, res) => {
          const rows = await db.all();
          for (const row of rows) {
            res.write(JSON.stringify(row) + '\\n');
          }
          res.end();
        });
        """,
        at=((4, 5),),
        why="streaming a response in a loop",
        message_contains="when the client is slower than the loop",
    ),
    Invalid(
        """
        app.get('/events', (req, res) => {
          res.setHeader('content-type', 'text/event-stream');
          const timer = setInterval(() => res.write(`data: ${Date.now()}\\n\\n`), 1000);
          req.on('close', () => clearInterval(timer));
        });
        """,
        at=((3, 35),),
        why="server-sent events written on a timer",
        message_contains="in a setInterval callback",
    ),
    Invalid(
        """
        const net = require('node:net');
        export function forward(upstream, port) {
          const conn = net.connect(port);
          upstream.on('data', (chunk) => { conn.write(chunk); });
        }
        """,
        at=((4, 36),),
        why="net.connect result fed from another stream's 'data' events",
        message_contains="when the peer is slower than the upstream",
    ),
    Invalid(
        """
        const zlib = require('node:zlib');
        export function compress(lines, output) {
          const gzip = zlib.createGzip();
          lines.forEach((line) => gzip.write(line));
          gzip.end();
          return gzip;
        }
        """,
        at=((4, 27),),
        why="zlib stream written from a forEach callback",
        message_contains="in a `forEach` callback",
    ),
    Invalid(
        """
        const { PassThrough } = require('stream');
        class Recorder {
          constructor() { this.out = new PassThrough(); }
          record(items) {
            let i = 0;
            while (i < items.length) this.out.write(items[i++]);
          }
        }
        """,
        at=((6, 30),),
        why="stream kept in a field, written in a while loop",
    ),
    Invalid(
        """
        import * as net from 'node:net';
        const server = net.createServer();
        server.on('connection', (socket: net.Socket): void => {
          source.on('data', (chunk: Buffer): void => {
            socket.write(chunk);
          });
        });
        """,
        at=((5, 5),),
        why="TypeScript: the socket of a server 'connection' listener",
        lang="ts",
    ),
    Invalid(
        """
        fastify.get('/stream', async (request, reply) => {
          for await (const chunk of produce()) reply.raw.write(chunk);
          reply.raw.end();
        });
        """,
        at=((2, 40),),
        why="fastify's reply.raw is the Node response",
    ),
    Invalid(
        """
        import { ServerResponse } from 'node:http';
        export function copy({ response, stream }: { response: ServerResponse; stream: ReadableStream }) {
          const reader = stream.getReader();
          const pump = async () => {
            while (true) {
              const { done, value } = await reader.read();
              if (done) break;
              response.write(value);
            }
            response.end();
          };
          pump();
        }
        """,
        at=((8, 7),),
        why="the response is a destructured field of a parameter whose inline type names it (Vercel AI SDK)",
        lang="ts",
    ),
]

VALID = [
    Valid(
        """
        import { ServerResponse } from 'node:http';
        export async function copy({ response, stream }: { response: ServerResponse; stream: ReadableStream }) {
          const reader = stream.getReader();
          while (true) {
            const { done, value } = await reader.read();
            if (done) break;
            if (!response.write(value)) await new Promise((resolve) => response.once('drain', resolve));
          }
          response.end();
        }
        """,
        why="the same write waiting for 'drain'",
        lang="ts",
    ),
    Valid(
        """
        export async function copy({ log, stream }: { log: { write(v: unknown): void }; stream: ReadableStream }) {
          const reader = stream.getReader();
          while (true) {
            const { done, value } = await reader.read();
            if (done) break;
            log.write(value);
          }
        }
        """,
        why="a destructured field whose inline type is no stream",
        lang="ts",
    ),
    Valid(
        """
        const net = require('net');
        net.createServer(async (socket) => {
          for await (const chunk of socket) {
            socket.write(reply(chunk));
          }
        });
        """,
        why="for await over a socket replying on the same socket: paced by the reads (found on undici/ws-style servers)",
    ),
    Valid(
        """
        const net = require('net');
        const fs = require('fs');
        const { pipeline } = require('stream/promises');
        net.createServer(async (socket) => {
          const fileWriter = fs.createWriteStream('./logs/traffic.log');
          await pipeline(socket, fileWriter);
        });
        """,
        why="seed 000 fix: pipeline()",
    ),
    Valid(
        """
        const net = require('net');
        const fs = require('fs');
        net.createServer((socket) => {
          const fileWriter = fs.createWriteStream('./logs/traffic.log');
          socket.pipe(fileWriter);
        });
        """,
        why="pipe()",
    ),
    Valid(
        """
        const net = require('net');
        const fs = require('fs');
        net.createServer((socket) => {
          const out = fs.createWriteStream('x');
          socket.on('data', (chunk) => {
            if (!out.write(chunk)) {
              socket.pause();
              out.once('drain', () => socket.resume());
            }
          });
        });
        """,
        why="pauses the source and resumes on 'drain'",
    ),
    Valid(
        """
        const fs = require('fs');
        export function copy(source, path) {
          const out = fs.createWriteStream(path);
          out.on('drain', () => source.resume());
          source.on('data', (chunk) => { out.write(chunk); });
        }
        """,
        why="a 'drain' listener on the same stream elsewhere in the file",
    ),
    Valid(
        """
        import { createWriteStream } from 'node:fs';
        import { once } from 'node:events';
        export async function save(source, path) {
          const out = createWriteStream(path);
          for await (const chunk of source) {
            if (!out.write(chunk)) await once(out, 'drain');
          }
          out.end();
        }
        """,
        why="waits for 'drain' when write() returns false",
    ),
    Valid(
        """
        const { Writable } = require('node:stream');
        const archive = new Writable({ write(chunk, encoding, callback) { callback(); } });
        export async function exportAll(pages) {
          for (const page of pages) {
            const ok = archive.write(page);
            if (!ok) {
              await new Promise((resolve) => archive.once('drain', resolve));
            }
          }
        }
        """,
        why="the checked return value is acted on",
    ),
    Valid(
        """
        const fs = require('fs');
        export function writeHeader(path) {
          const out = fs.createWriteStream(path);
          out.write('# generated\\n');
          out.write('# do not edit\\n');
          out.end();
        }
        """,
        why="a fixed number of writes followed by end()",
    ),
    Valid(
        """
        const fs = require('fs');
        export function writeHeader(path) {
          const out = fs.createWriteStream(path);
          for (const line of ['# generated', '# do not edit']) out.write(line + '\\n');
          out.end();
        }
        """,
        why="a loop over an array literal is a fixed number of writes",
    ),
    Valid(
        """
        app.get('/chunks', async (req, res) => {
          for (let i = 0; i < 5; i++) res.write(`part ${i}\\n`);
          res.end();
        });
        """,
        why="a constant-bound loop into a request-scoped response",
    ),
    Valid(
        """
        for (const name of process.argv.slice(2)) {
          process.stdout.write(`${name}\\n`);
        }
        """,
        why="process.stdout.write in a short CLI loop is deliberately not reported",
    ),
    Valid(
        """
        const net = require('net');
        net.createServer((socket) => {
          socket.on('data', (request) => {
            socket.write('HTTP/1.1 200 OK\\r\\n\\r\\n');
          });
        });
        """,
        why="a reply to the peer that sent the data",
    ),
    Valid(
        """
        const fs = require('fs');
        export function log(source, path) {
          const out = fs.createWriteStream(path);
          source.on('data', () => { out.write('got a chunk\\n'); });
        }
        """,
        why="the 'data' handler does not forward the chunk",
    ),
    Valid(
        """
        export function saveAll(store, entries) {
          for (const entry of entries) {
            const stream = store.createWriteStream(entry.key);
            stream.write(entry.value);
            stream.end();
          }
        }
        """,
        why="a new stream per iteration gets one write each",
    ),
    Valid(
        """
        const { Writable } = require('node:stream');
        const out = new Writable({ write(c, e, cb) { cb(); } });
        export function pump(next) {
          while (!out.writableNeedDrain) {
            const chunk = next();
            if (chunk === null) break;
            out.write(chunk);
          }
        }
        """,
        why="the loop checks writableNeedDrain itself",
    ),
    Valid(
        """
        class Writable { write(x) { return true; } }
        const w = new Writable();
        for (const x of items) w.write(x);
        """,
        why="a local class named Writable is not a stream",
    ),
    Valid(
        """
        const buffer = Buffer.alloc(1024);
        for (let i = 0; i < count; i++) buffer.write('x', i);
        """,
        why="Buffer#write is not a stream write",
    ),
    Valid(
        """
        import { PassThrough } from 'node:stream';
        import { pipeline } from 'node:stream/promises';
        export async function relay(items: AsyncIterable<Buffer>, dest: NodeJS.WritableStream): Promise<void> {
          const pass = new PassThrough();
          const done = pipeline(pass, dest);
          for await (const item of items) pass.write(item);
          pass.end();
          await done;
        }
        """,
        why="TypeScript: the stream takes part in a pipeline",
        lang="ts",
    ),
    Valid(
        """
        import { useEffect } from 'react';
        export function Logger({ lines }: { lines: string[] }) {
          useEffect(() => {
            for (const line of lines) console.log(line);
          }, [lines]);
          return <pre>{lines.join('\\n')}</pre>;
        }
        """,
        why="TSX: no stream at all",
        lang="tsx",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_related_names_the_stream_and_the_repetition():
    findings = run(
        """
        const fs = require('fs');
        export function copy(source, path) {
          const out = fs.createWriteStream(path);
          source.on('data', (chunk) => {
            const ok = out.write(chunk);
            if (!ok) console.warn('slow disk');
          });
        }
        """,
        RULE,
    )
    related = [(r.span.line, r.span.column, r.message) for r in findings[0].related]
    assert related == [
        (3, 15, "`out` is a writable stream: a file stream created by fs.createWriteStream()"),
        (4, 3, "repeats here: a 'data' handler"),
        (6, 5, "the `false` return is checked here but only logged"),
    ]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="samples/ignored-backpressure is not there")
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


# -- issue 7 item 8: stream origins, repetition and mitigations learned from the corpus ------------

FACT_INVALID = [
    Invalid(
        """
        const http = require('http');
        export function forward(req, target) {
          const upstream = http.request(target);
          req.on('data', (chunk) => { upstream.write(chunk); });
        }
        """,
        at=((4, 31),),
        why="an http.request() result is a writable stream (node-http-proxy #100)",
    ),
    Invalid(
        """
        import { ServerResponse } from 'http';
        export function relay(source: NodeJS.ReadableStream, out: ServerResponse) {
          source.on('data', (chunk) => { out.write(chunk); });
        }
        """,
        at=((3, 34),),
        why="a parameter annotated ServerResponse is a response stream",
        lang="ts",
    ),
    Invalid(
        """
        import { WriteStream } from 'fs';
        export class Recorder {
          private out?: WriteStream;
          listen(feed: { subscribe(cb: (e: object) => void): void }) {
            feed.subscribe((entry) => {
              const line = JSON.stringify(entry);
              this.out.write(line + '\\n');
            });
          }
        }
        """,
        at=((7, 7),),
        why="a field annotated WriteStream fed with each event's payload (cypress-har-generator #206)",
        lang="ts",
    ),
    Invalid(
        """
        const fs = require('fs');
        function writeRow(stream, row) {
          stream.write(row);
        }
        export function dump(rows, path) {
          const out = fs.createWriteStream(path);
          rows.forEach((row) => writeRow(out, row));
        }
        """,
        at=((3, 3),),
        why="a helper whose stream parameter is filled by a caller that runs in a loop",
    ),
    Invalid(
        """
        const fs = require('fs');
        const _ = require('lodash');
        export function dump(items, format, path) {
          const rows = format();
          rows.pipe(fs.createWriteStream(path));
          _.each(items, (item) => { rows.write(item); });
        }
        """,
        at=((6, 29),),
        why="a.pipe(b) paces what a gives b, not what is written into a (DynamoDbExportCsv #1)",
    ),
    Invalid(
        """
        const net = require('net');
        export function tunnel(client, target) {
          const upstream = net.connect(target.port, target.host);
          const handlers = {};
          client.on('data', (handlers.in = function (data) { upstream.write(data); }));
          upstream.on('data', (handlers.out = function (data) { client.write(data); }));
        }
        """,
        at=((5, 54), (6, 57)),
        why="a parameter that emits 'data' and is written is a duplex; the listener is wrapped in an assignment",
    ),
    Invalid(
        """
        const fs = require('fs');
        const rs = fs.createReadStream('in');
        const ws = fs.createWriteStream('out');
        rs.on('data', function onData(data) {
          if (!ws.write(data)) {
            ws.once('drain', onData);
          }
        });
        """,
        at=((5, 8),),
        why="once('drain') in the listener without pausing the source lets the next chunk in (nodejs/help #2426)",
    ),
    Invalid(
        """
        const fs = require('fs');
        export function saveUploads(socket, path) {
          const files = {};
          socket.on('start', (data) => { files[data.id] = { out: fs.createWriteStream(path + data.id) }; });
          socket.on('chunk', (data) => {
            const file = files[data.id];
            file.out.write(Buffer.from(data.content));
          });
        }
        """,
        at=((7, 5),),
        why="a stream kept in a collection entry, fed with each network event's payload (socketio-file-upload #100)",
    ),
]

FACT_VALID = [
    Valid(
        """
        const http = require('http');
        export function forward(req, target) {
          const upstream = http.request(target);
          req.pipe(upstream);
        }
        """,
        why="the http.request() stream is fed by pipe()",
    ),
    Valid(
        """
        export function relay(source: NodeJS.ReadableStream, out: { write(x: unknown): void }) {
          source.on('data', (chunk) => { out.write(chunk); });
        }
        """,
        why="a parameter whose type is not a stream",
        lang="ts",
    ),
    Valid(
        """
        const { EventEmitter } = require('events');
        class Broadcaster extends EventEmitter {
          attach(req, res) {
            this.on('data', (data) => { res.write(`data: ${JSON.stringify(data)}\\n\\n`); });
          }
        }
        module.exports = Broadcaster;
        """,
        why="'data' that the program emits on its own EventEmitter is an SSE broadcast, not a readable's chunks",
    ),
    Valid(
        """
        const http = require('http');
        http.createServer((req, res) => {
          const timer = setInterval(() => { res.write(': keep-alive\\n'); }, 15000);
          req.on('close', () => clearInterval(timer));
        }).listen(8080);
        """,
        why="a constant heartbeat on a timer writes a few bytes per tick",
    ),
    Valid(
        """
        const fs = require('fs');
        const rs = fs.createReadStream('in');
        const ws = fs.createWriteStream('out');
        rs.on('data', (data) => {
          if (!ws.write(data)) {
            rs.pause();
            ws.once('drain', () => rs.resume());
          }
        });
        """,
        why="once('drain') together with pause() of the source",
    ),
    Valid(
        """
        const fs = require('fs');
        function writeRow(stream, row) {
          stream.write(row);
        }
        export function dump(row, path) {
          writeRow(fs.createWriteStream(path), row);
        }
        """,
        why="a helper called once, outside any loop",
    ),
    Valid(
        """
        import { Socket } from 'net';
        export function answer(socket: Socket, peers: Array<{ port: number; name: string }>, port: number) {
          for (const peer of peers) {
            if (peer.port === port) {
              socket.write(`${peer.name}\\r\\n`);
              return;
            }
          }
        }
        """,
        why="a write followed by return in the loop body runs at most once",
        lang="ts",
    ),
    Valid(
        """
        const http = require('http');
        http.createServer(async (req, res) => {
          for (const letter of 'hello'.split('')) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            res.write(letter);
          }
          res.end();
        }).listen(8080);
        """,
        why="a loop that sleeps between writes trickles, it does not flood",
    ),
    Valid(
        """
        const { EventEmitter } = require('events');
        const bus = new EventEmitter();
        const fs = require('fs');
        const out = fs.createWriteStream('log');
        bus.on('entry', (entry) => { out.write(entry); });
        """,
        why="events the program emits on its own EventEmitter",
    ),
]


@pytest.mark.parametrize("case", FACT_INVALID, ids=ids(FACT_INVALID))
def test_fact_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", FACT_VALID, ids=ids(FACT_VALID))
def test_fact_valid(case):
    check_valid(case, RULE)
