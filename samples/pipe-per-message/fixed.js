'use strict';

// LL013 pipe per message (fixed twin).
//
// Every request opens a live "activity" stream for the caller and pipes it
// into the process-wide audit sink with { end: false }, so that whatever the
// caller does later is audited too. When the response closes it unpipes the
// activity stream from the sink and destroys it, so pipe()'s listeners leave
// the sink with the request.

const http = require('node:http');
const { PassThrough, Writable } = require('node:stream');
const { startHttpSample, runStandalone } = require('../support.js');

const SNAPSHOT_BYTES = 32 * 1024;

// Process-wide: counts audited bytes (stands in for a log shipper).
let auditedBytes = 0;
const auditSink = new Writable({
  write(chunk, encoding, callback) {
    auditedBytes += chunk.length;
    callback();
  },
});

function openActivity(id) {
  const activity = new PassThrough();
  activity.session = { id, snapshot: Buffer.alloc(SNAPSHOT_BYTES, id % 251) };
  return activity;
}

const server = http.createServer((req, res) => {
  const id = Number(new URL(req.url, 'http://localhost').searchParams.get('id') ?? 0);
  const activity = openActivity(id);
  activity.pipe(auditSink, { end: false });
  res.on('close', () => {
    activity.unpipe(auditSink);
    activity.destroy();
  });
  activity.write(`session ${id} opened\n`);
  res.end(`audited ${auditedBytes} bytes`);
});

// Sample contract (samples/README.md): every iteration opens one session.
function start() {
  return startHttpSample(server, {
    exercise: (client, i) => client.get(`/open?id=${i}`),
  });
}

module.exports = { start, defaultIterations: 1500 };

if (require.main === module) {
  runStandalone(module.exports);
}
