'use strict';

const fs = require('fs');

const rs = fs.createReadStream(process.argv[2]);
const ws = fs.createWriteStream(process.argv[3]);

rs.on('data', (data) => {
  if (!ws.write(data)) {
    // Stop reading until the writable has flushed what it holds.
    rs.pause();
    ws.once('drain', () => rs.resume());
  }
});

rs.on('end', () => ws.end());
