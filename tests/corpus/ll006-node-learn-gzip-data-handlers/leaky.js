const fs = require('fs');
const zlib = require('zlib');

const inp = fs.createReadStream(process.argv[2]);
const out = fs.createWriteStream(process.argv[3]);
const gzip = zlib.createGzip();

// expect: LL006
inp.on('data', (chunk) => gzip.write(chunk));
inp.on('end', () => gzip.end());
// expect: LL006
gzip.on('data', (chunk) => out.write(chunk));
gzip.on('end', () => out.end());
