import fs from 'node:fs';
import { once } from 'node:events';

const out = fs.createWriteStream('export.ndjson');

export async function exportRows(cursor) {
  for await (const row of cursor) {
    if (!out.write(JSON.stringify(row) + '\n')) {
      await once(out, 'drain');
    }
  }
}

export async function finish() {
  out.end();
  await once(out, 'finish');
}
