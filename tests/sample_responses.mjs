// Print what a sample app answers to its first few requests, as one line of JSON.
//
//   node tests/sample_responses.mjs <path-to-sample.js> [count]
//
// Used to check that a fixed sample still does its job: the same responses
// as the leaky original for the same requests. Exits explicitly because a
// leaky sample may leave timers behind that close() cannot reach.

import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [samplePath, countText = '5'] = process.argv.slice(2);
const loaded = await import(pathToFileURL(path.resolve(samplePath)).href);
const sample = loaded.default ?? loaded;
const app = await sample.start();
const responses = [];
for (let i = 0; i < Number(countText); i += 1) {
  responses.push(await app.exercise(i));
}
await app.close();
process.stdout.write(`${JSON.stringify(responses)}\n`, () => process.exit(0));
