'use strict';

// LL010 unconsumed stream (fixed twin).
//
// Before answering, each request asks a local availability service whether
// an item is in stock and looks only at the status code of the reply. It
// calls res.resume() to discard the 64 KiB document it does not need, so the
// socket goes back to the agent and nothing stays buffered.

const http = require('node:http');
const { startHttpSample, runStandalone } = require('../support.js');

const DOCUMENT_BYTES = 64 * 1024;

// Stands in for the availability service: every answer is a 64 KiB document.
const availability = http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ item: req.url, details: 'x'.repeat(DOCUMENT_BYTES) }));
});
const upstreamAgent = new http.Agent({ keepAlive: true });
let upstreamPort = 0;

function inStock(id) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: upstreamPort, path: `/items/${id}`, agent: upstreamAgent }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', reject);
  });
}

const server = http.createServer(async (req, res) => {
  const id = new URL(req.url, 'http://localhost').searchParams.get('id') ?? '0';
  res.end((await inStock(id)) ? 'in stock' : 'unknown');
});

// Sample contract (samples/README.md): every iteration checks one item.
async function start() {
  await new Promise((resolve) => availability.listen(0, '127.0.0.1', resolve));
  upstreamPort = availability.address().port;
  return startHttpSample(server, {
    exercise: (client, i) => client.get(`/status?id=${i}`),
    async onClose() {
      upstreamAgent.destroy();
      availability.closeAllConnections();
      await new Promise((resolve) => availability.close(resolve));
    },
  });
}

module.exports = { start, defaultIterations: 500 };

if (require.main === module) {
  runStandalone(module.exports);
}
