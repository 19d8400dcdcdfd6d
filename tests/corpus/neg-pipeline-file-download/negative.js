const http = require('http');
const fs = require('fs');
const zlib = require('zlib');
const { pipeline } = require('stream');

const server = http.createServer((req, res) => {
  res.setHeader('Content-Encoding', 'gzip');
  pipeline(fs.createReadStream('archive.tar'), zlib.createGzip(), res, (err) => {
    if (err) {
      console.error('Pipeline failed.', err);
      res.destroy(err);
    }
  });
});

server.listen(8000);
