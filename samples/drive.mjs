// Measure how much memory a sample app keeps while it runs.
//
//   node --expose-gc samples/drive.mjs <path-to-sample.js> [--iterations N]
//        [--warmup N] [--timeout-seconds S] [--heap-snapshots DIR]
//
// Loads the sample, calls start(), runs a few warm-up iterations (lazy
// initialisation and JIT code are not a leak), forces garbage collection and
// records process.memoryUsage(), runs exercise(i) N more times, forces GC and
// records again, then calls close(). The growth is measured before close():
// a leak is what the app retains while it is running. Prints one line of JSON:
//
//   {"sample": ..., "iterations": N, "heapUsedGrowth": bytes,
//    "externalGrowth": bytes, "arrayBuffersGrowth": bytes, "seconds": ...}
//
// externalGrowth already includes arrayBuffersGrowth (Buffers live there).
// With --heap-snapshots DIR it also writes DIR/before.heapsnapshot and
// DIR/after.heapsnapshot (v8.writeHeapSnapshot) right after each of the two
// measurements, for `leaklint heap DIR/before.heapsnapshot DIR/after.heapsnapshot`,
// and adds their paths to the JSON as "heapSnapshots".
// Exits 0 after printing; exits 2 on bad usage, 1 if the sample throws and
// 124 if the whole run exceeds the time limit.

import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const DEFAULT_ITERATIONS = 1000;
const DEFAULT_TIMEOUT_SECONDS = 60;
const GC_ROUNDS = 4;

function usage(message) {
  console.error(`drive.mjs: ${message}`);
  console.error(
    'usage: node --expose-gc samples/drive.mjs <path-to-sample> ' +
      '[--iterations N] [--warmup N] [--timeout-seconds S] [--heap-snapshots DIR]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const options = {
    sample: null,
    iterations: null,
    warmup: null,
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    heapSnapshots: null,
  };
  const numeric = { '--iterations': 'iterations', '--warmup': 'warmup', '--timeout-seconds': 'timeoutSeconds' };
  for (let k = 0; k < argv.length; k += 1) {
    const arg = argv[k];
    const [flag, inline] = arg.split('=', 2);
    if (flag in numeric) {
      const raw = inline ?? argv[(k += 1)];
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 0) usage(`${flag} needs a non-negative integer, got ${raw}`);
      options[numeric[flag]] = value;
    } else if (flag === '--heap-snapshots') {
      const dir = inline ?? argv[(k += 1)];
      if (!dir) usage('--heap-snapshots needs a directory');
      options.heapSnapshots = dir;
    } else if (arg.startsWith('-')) {
      usage(`unknown option ${arg}`);
    } else if (options.sample === null) {
      options.sample = arg;
    } else {
      usage(`unexpected argument ${arg}`);
    }
  }
  if (options.sample === null) usage('missing <path-to-sample>');
  if (options.timeoutSeconds === 0) usage('--timeout-seconds must be positive');
  return options;
}

// Full collections with turns of the event loop in between, so that close
// events, finalizers and timers that were already due get to run.
async function settle() {
  for (let round = 0; round < GC_ROUNDS; round += 1) {
    global.gc();
    await sleep(1);
  }
}

// Write one snapshot into the --heap-snapshots directory (if any) and return its path.
function writeSnapshot(options, name) {
  if (options.heapSnapshots === null) return null;
  fs.mkdirSync(options.heapSnapshots, { recursive: true });
  return v8.writeHeapSnapshot(path.join(options.heapSnapshots, `${name}.heapsnapshot`));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (typeof global.gc !== 'function') usage('run node with --expose-gc');

  const deadline = setTimeout(() => {
    console.error(`drive.mjs: ${options.sample} did not finish within ${options.timeoutSeconds}s`);
    process.exit(124);
  }, options.timeoutSeconds * 1000);
  deadline.unref();

  const samplePath = path.resolve(options.sample);
  const loaded = await import(pathToFileURL(samplePath).href);
  const sample = loaded.default ?? loaded;
  if (typeof sample.start !== 'function') usage(`${options.sample} does not export start()`);

  const iterations = options.iterations ?? sample.defaultIterations ?? DEFAULT_ITERATIONS;
  const warmup = options.warmup ?? Math.min(50, Math.ceil(iterations / 10));

  const began = process.hrtime.bigint();
  const app = await sample.start();

  let i = 0;
  for (; i < warmup; i += 1) await app.exercise(i);
  await settle();
  const before = process.memoryUsage();
  const beforeSnapshot = writeSnapshot(options, 'before');

  for (; i < warmup + iterations; i += 1) await app.exercise(i);
  await settle();
  const after = process.memoryUsage();
  const afterSnapshot = writeSnapshot(options, 'after');

  await app.close();
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;

  const result = {
    sample: path.relative(process.cwd(), samplePath),
    iterations,
    heapUsedGrowth: after.heapUsed - before.heapUsed,
    externalGrowth: after.external - before.external,
    arrayBuffersGrowth: after.arrayBuffers - before.arrayBuffers,
    seconds: Math.round(seconds * 1000) / 1000,
  };
  if (beforeSnapshot !== null) result.heapSnapshots = { before: beforeSnapshot, after: afterSnapshot };
  // Exit explicitly: a leaky sample may leave timers behind that close() cannot
  // reach (that is the LL004 leak), and they would keep Node running.
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
