'use strict';

// LL003 closure captures the request (fixed twin).
//
// Same order endpoint and job queue, but the handler copies the two small
// values the follow-up needs out of the request first, so the queued callback
// captures a string and a number instead of `req`. The request and its 64 KiB
// body can be collected as soon as the response is sent.

const http = require('node:http');
const util = require('node:util');
const { startHttpSample, runStandalone } = require('../support.js');

const FOLLOW_UP_DELAY_MS = 60_000;
const WORKER_TICK_MS = 1_000;

const log = util.debuglog('orders'); // NODE_DEBUG=orders to see it

// Jobs in due order: every job is scheduled with the same delay.
const pendingJobs = [];
let worker = null;

function scheduleFollowUp(delayMs, run) {
  pendingJobs.push({ dueAt: Date.now() + delayMs, run });
}

function runDueJobs() {
  const now = Date.now();
  while (pendingJobs.length > 0 && pendingJobs[0].dueAt <= now) {
    const job = pendingJobs.shift();
    job.run();
  }
}

function startWorker() {
  if (worker) return; // already running
  worker = setInterval(runDueJobs, WORKER_TICK_MS);
}

function stopWorker() {
  clearInterval(worker);
  worker = null;
  pendingJobs.length = 0;
}

function sendReceipt(customerId, orderBytes) {
  log('receipt for %s: order of %d bytes', customerId, orderBytes);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const server = http.createServer(async (req, res) => {
  req.body = await readBody(req);

  const customerId = req.headers['x-customer-id'];
  const orderBytes = req.body.length;
  scheduleFollowUp(FOLLOW_UP_DELAY_MS, () => {
    sendReceipt(customerId, orderBytes);
  });

  res.statusCode = 202;
  res.end('accepted');
});

// Sample contract (samples/README.md): every iteration posts one 64 KiB order.
const ORDER = Buffer.alloc(64 * 1024, 'o');

async function start() {
  startWorker();
  return startHttpSample(server, {
    exercise: (client, i) =>
      client.post('/orders', { body: ORDER, headers: { 'x-customer-id': `customer-${i}` } }),
    onClose: stopWorker,
  });
}

module.exports = { start, defaultIterations: 1000 };

if (require.main === module) {
  runStandalone(module.exports);
}
