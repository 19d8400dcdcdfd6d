'use strict';

// LL011 retained large capture (fixed twin).
//
// Each report request loads the report's rows and keeps a small stats getter
// for the dashboard in a bounded list of recent reports. It computes the
// number of rows before creating the getter, so the getter keeps one number
// and the rows are collected once the response is sent.

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
  const rowCount = rows.length;
  recentStats.push(() => ({ id, rows: rowCount }));
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
