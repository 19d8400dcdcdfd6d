'use strict';

// LL001 unbounded collection (fixed twin).
//
// Same report endpoint, but the cache is bounded: a Map iterates in insertion
// order, so once it holds more than MAX_CACHED_REPORTS entries the oldest one
// is deleted. (A real app would usually reach for an LRU/TTL cache library.)

const http = require('node:http');
const { startHttpSample, runStandalone } = require('../support.js');

const ROWS_PER_REPORT = 100;
const MAX_CACHED_REPORTS = 50;

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
    if (reportCache.size > MAX_CACHED_REPORTS) {
      const oldestId = reportCache.keys().next().value;
      reportCache.delete(oldestId);
    }
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
