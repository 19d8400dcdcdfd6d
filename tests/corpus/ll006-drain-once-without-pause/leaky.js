'use strict';

const fs = require('fs');

const rs = fs.createReadStream(process.argv[2]);
const ws = fs.createWriteStream(process.argv[3]);

rs.on('data', function handler(data) {
  // expect: LL006
  if (!ws.write(data)) {
    ws.once('drain', handler);
  }
});

rs.on('end', () => ws.end());
