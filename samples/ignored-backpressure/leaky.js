'use strict';

// LL006 ignored backpressure (leaky twin).
//
// Every export request renders its pages and writes them to the archive
// stream, a destination that accepts data far more slowly than the handler
// produces it. write() returns false once the stream's buffer is past its
// highWaterMark, but the handler ignores that and keeps writing, so every page
// not yet delivered sits in memory inside the stream.

const http = require('node:http');
const { Writable } = require('node:stream');
const { finished } = require('node:stream/promises');
const { startHttpSample, runStandalone } = require('../support.js');

const PAGE_BYTES = 64 * 1024;
const PAGES_PER_EXPORT = 16;
const ARCHIVE_DELAY_MS = 2;

// Stands in for a slow network destination (an object store, a log shipper):
// it takes a couple of milliseconds to accept each chunk.
const archive = new Writable({
  highWaterMark: 64 * 1024,
  write(chunk, encoding, callback) {
    setTimeout(callback, ARCHIVE_DELAY_MS);
  },
});

function renderPage(exportId, page) {
  const buffer = Buffer.alloc(PAGE_BYTES, ' ');
  buffer.write(`export ${exportId} page ${page}\n`);
  return buffer;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const exportId = url.searchParams.get('id') ?? '0';

  for (let page = 0; page < PAGES_PER_EXPORT; page += 1) {
    // expect: LL006
    archive.write(renderPage(exportId, page));
  }

  res.statusCode = 202;
  res.end(`export ${exportId} queued`);
});

async function closeArchive() {
  archive.end();
  await finished(archive);
}

// Sample contract (samples/README.md): every iteration exports 1 MiB.
function start() {
  return startHttpSample(server, {
    exercise: (client, i) => client.post(`/exports?id=${i}`),
    onClose: closeArchive,
  });
}

module.exports = { start, defaultIterations: 40 };

if (require.main === module) {
  runStandalone(module.exports);
}
