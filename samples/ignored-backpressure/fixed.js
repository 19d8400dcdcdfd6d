'use strict';

// LL006 ignored backpressure (fixed twin).
//
// Same export endpoint, but the handler respects backpressure: when write()
// returns false it waits for the stream's 'drain' event before rendering the
// next page. At most about one highWaterMark of pages is ever buffered; the
// response goes out once the archive has taken the export.

const http = require('node:http');
const { once } = require('node:events');
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

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const exportId = url.searchParams.get('id') ?? '0';

  for (let page = 0; page < PAGES_PER_EXPORT; page += 1) {
    if (!archive.write(renderPage(exportId, page))) {
      await once(archive, 'drain');
    }
  }

  res.end(`export ${exportId} archived`);
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
