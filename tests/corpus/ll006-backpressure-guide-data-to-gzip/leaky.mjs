import fs from 'node:fs';
import zlib from 'node:zlib';

const [input, output] = process.argv.slice(2);

const inp = fs.createReadStream(input);
const gzip = zlib.createGzip();
const out = fs.createWriteStream(output);

// expect: LL006
inp.on('data', (chunk) => gzip.write(chunk));
inp.on('end', () => gzip.end());
// expect: LL006
gzip.on('data', (chunk) => out.write(chunk));
gzip.on('end', () => out.end());
