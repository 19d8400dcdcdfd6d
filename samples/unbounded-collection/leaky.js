'use strict';

// LL001 unbounded collection (leaky twin).
//
// A report endpoint memoises every report it builds in a module-level Map.
// Nothing is ever evicted, so every id that has ever been requested stays on
// the heap for the life of the process.

const http = require('node:http');
const { startHttpSample, runStandalone } = require('../support.js');

const ROWS_PER_REPORT = 100;

// expect: LL001
const reportCache = new Map();

function buildReport(id) {
  const rows = [];
  for (let n = 0; n < ROWS_PER_REPORT; n += 1) {
    rows.push({ line: n, label: `report ${id} line ${n}`, amount: (n * 37) % 1000 });
  }
  const total = rows.reduce((sum, row) => sum + row.amount, 0);
  return { id, generatedAt: Date.now(), rows, total };
}

function getReport(id) {
  let report = reportCache.get(id);
  if (report === undefined) {
    report = buildReport(id);
    reportCache.set(id, report);
  }
  return report;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const report = getReport(url.searchParams.get('id') ?? 'default');
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ id: report.id, rows: report.rows.length, total: report.total }));
});

// Sample contract (samples/README.md): every iteration asks for a new id.
function start() {
  return startHttpSample(server, {
    exercise: (client, i) => client.get(`/report?id=${i}`),
  });
}

module.exports = { start, defaultIterations: 3000 };

if (require.main === module) {
  runStandalone(module.exports);
}
