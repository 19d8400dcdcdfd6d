'use strict';

// Plumbing shared by the sample apps, kept out of the samples so that each
// leaky.js / fixed.js shows only the application code that matters.
//
// Nothing in here is a leak example: it starts a server on 127.0.0.1, sends it
// requests over one keep-alive connection, shuts everything down, and runs a
// sample on its own when it is started with `node samples/<name>/<twin>.js`.

const http = require('node:http');
const v8 = require('node:v8');
const vm = require('node:vm');

const HOST = '127.0.0.1';

/** Listen on an ephemeral port on 127.0.0.1 and resolve with the port. */
function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

/** Stop accepting connections, drop the idle keep-alive ones and wait for close. */
function stopServer(server) {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}

/**
 * A tiny HTTP client for one local server. Requests go one at a time over a
 * single keep-alive socket; a status >= 400 rejects.
 */
function createClient(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  function request(method, path, { body, headers } = {}) {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: HOST, port, method, path, headers, agent }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode >= 400) {
            reject(new Error(`${method} ${path} -> ${res.statusCode}: ${text}`));
          } else {
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  return {
    get: (path, options) => request('GET', path, options),
    post: (path, options) => request('POST', path, options),
    close: () => agent.destroy(),
  };
}

/**
 * Start an HTTP sample and wrap it in the sample contract
 * `{ url, exercise(i), close() }` (see samples/README.md).
 *
 * `exercise(client, i)` sends the one request that makes up iteration `i`;
 * `onClose()` stops whatever else the app runs besides its server.
 */
async function startHttpSample(server, { exercise, onClose = async () => {} }) {
  const port = await listen(server);
  const client = createClient(port);
  return {
    url: `http://${HOST}:${port}`,
    exercise: (i) => exercise(client, i),
    async close() {
      client.close();
      await stopServer(server);
      await onClose();
    },
  };
}

const MB = 1024 * 1024;
const DEMO_TIMEOUT_MS = 60_000;

function formatDelta(bytes) {
  const sign = bytes < 0 ? '-' : '+';
  return `${sign}${(Math.abs(bytes) / MB).toFixed(1)} MiB`;
}

// A full garbage collection, so that the numbers show what is retained rather
// than what has not been collected yet. Uses global.gc() under --expose-gc and
// otherwise turns the flag on at runtime (fine for a demo, not for production).
function getGc() {
  if (typeof global.gc === 'function') return global.gc;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}

async function collectGarbage() {
  const gc = getGc();
  for (let round = 0; round < 3; round += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * What `node samples/<name>/<twin>.js` does: start the app, send it
 * `iterations` requests, print how much memory it kept, and shut it down.
 * samples/drive.mjs does the same measurement in a machine-readable form.
 */
function runStandalone(sample, iterations = sample.defaultIterations) {
  const watchdog = setTimeout(() => {
    console.error(`demo did not finish within ${DEMO_TIMEOUT_MS / 1000}s`);
    process.exit(1);
  }, DEMO_TIMEOUT_MS);
  watchdog.unref();

  demo(sample, iterations).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

async function demo(sample, iterations) {
  const app = await sample.start();
  console.log(`listening on ${app.url}`);

  await collectGarbage();
  const before = process.memoryUsage();
  for (let i = 0; i < iterations; i += 1) {
    await app.exercise(i);
  }
  await collectGarbage();
  const after = process.memoryUsage();

  console.log(
    `after ${iterations} requests the app retains: ` +
      `heapUsed ${formatDelta(after.heapUsed - before.heapUsed)}, ` +
      `external ${formatDelta(after.external - before.external)}`,
  );
  await app.close();

  // A fixed app leaves nothing behind once close() has run, so Node exits by
  // itself. Timers whose handles were thrown away cannot be cleared by close()
  // and would keep the process alive forever, so name them and exit.
  const timers = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
  if (timers > 0) {
    console.log(`${timers} timer(s) still active after close(); exiting explicitly`);
    process.exit(0);
  }
}

module.exports = { startHttpSample, runStandalone };
