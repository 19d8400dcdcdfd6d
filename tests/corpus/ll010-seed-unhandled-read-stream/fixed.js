const fs = require('fs');

const stream = fs.createReadStream('huge-file.csv');
stream.on('data', (chunk) => processChunk(chunk));
stream.on('end', () => console.log('Done'));
stream.on('error', (err) => {
  console.error(err);
  stream.destroy();
});

function processChunk(chunk) {
  return chunk.length;
}

module.exports = { ready: true };
