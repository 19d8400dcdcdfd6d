'use strict';

// LL011 retained large capture (leaky twin).
//
// Each report request loads the report's rows and keeps a small stats getter
// for the dashboard in a bounded list of recent reports. The getter only needs
// the number of rows, but it reads `rows.length` inside the closure, so it
// keeps every row of every recent report alive: the list is bounded, the
// memory it holds is 200 whole datasets.

const http = require('node:http');
const { startHttpSample, runStandalone } = require('../support.js');

const ROWS_PER_REPORT = 3000;
const RECENT_REPORTS = 200;

// Shown on the dashboard; only the newest RECENT_REPORTS are kept.
const recentStats = [];

function loadReportRows(id) {
  return Array.from({ length: ROWS_PER_REPORT }, (_, n) => ({ id: `${id}-${n}`, amount: n % 97 }));
}

function buildReport(id) {
  const rows = loadReportRows(id);
  // expect: LL011
  recentStats.push(() => ({ id, rows: rows.length }));
  if (recentStats.length > RECENT_REPORTS) recentStats.shift();
  return rows.slice(0, 5);
}

const server = http.createServer((req, res) => {
  const id = new URL(req.url, 'http://localhost').searchParams.get('id') ?? '0';
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(buildReport(id)));
});

// Sample contract (samples/README.md): every iteration builds one report.
function start() {
  return startHttpSample(server, {
    exercise: (client, i) => client.get(`/report?id=${i}`),
    onClose: async () => {
      recentStats.length = 0;
    },
  });
}

module.exports = { start, defaultIterations: 300 };

if (require.main === module) {
  runStandalone(module.exports);
}
