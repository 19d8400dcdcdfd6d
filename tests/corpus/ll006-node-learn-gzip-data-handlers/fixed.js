const fs = require('fs');
const zlib = require('zlib');

const inp = fs.createReadStream(process.argv[2]);
const out = fs.createWriteStream(process.argv[3]);
const gzip = zlib.createGzip();

inp.pipe(gzip).pipe(out);
