import fs from 'node:fs';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';

const [input, output] = process.argv.slice(2);

// pipeline() pauses each source while its destination is full and destroys all three on error.
await pipeline(fs.createReadStream(input), zlib.createGzip(), fs.createWriteStream(output));
