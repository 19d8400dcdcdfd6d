'use strict';

// LL004 uncleared interval (fixed twin).
//
// Same import endpoint, but the handler keeps the progress reporter's handle
// and clears it in a `finally` block, so the timer stops (and releases the
// job) as soon as the import is over, whether it succeeded or threw.

const http = require('node:http');
const util = require('node:util');
const { setImmediate: nextTurn } = require('node:timers/promises');
const { startHttpSample, runStandalone } = require('../support.js');

const ROWS_PER_IMPORT = 100;
const ROWS_PER_TURN = 25;
const PROGRESS_INTERVAL_MS = 1_000;

const log = util.debuglog('import'); // NODE_DEBUG=import to see it

function createImportJob(id) {
  const rows = [];
  for (let n = 0; n < ROWS_PER_IMPORT; n += 1) {
    rows.push({ line: n, sku: `SKU-${id}-${n}`, note: `imported row ${n} of batch ${id}` });
  }
  return { id, rows, imported: 0 };
}

function reportProgress(job) {
  log('import %s: %d/%d rows', job.id, job.imported, job.rows.length);
}

async function runImport(job) {
  while (job.imported < job.rows.length) {
    job.imported = Math.min(job.imported + ROWS_PER_TURN, job.rows.length);
    await nextTurn(); // stands in for awaited database writes
  }
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const job = createImportJob(url.searchParams.get('batch') ?? '0');

  const progressTimer = setInterval(() => reportProgress(job), PROGRESS_INTERVAL_MS);
  try {
    await runImport(job);
  } finally {
    clearInterval(progressTimer);
  }

  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ batch: job.id, imported: job.imported }));
});

// Sample contract (samples/README.md): every iteration runs one import.
function start() {
  return startHttpSample(server, {
    exercise: (client, i) => client.post(`/imports?batch=${i}`),
  });
}

module.exports = { start, defaultIterations: 2000 };

if (require.main === module) {
  runStandalone(module.exports);
}
