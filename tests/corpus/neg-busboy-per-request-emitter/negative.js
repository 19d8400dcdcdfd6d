const http = require('http');
const fs = require('fs');
const path = require('path');
const os = require('os');
const busboy = require('busboy');

http.createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(404).end();
    return;
  }
  const bb = busboy({ headers: req.headers });
  bb.on('file', (name, file, info) => {
    const saveTo = path.join(os.tmpdir(), `busboy-upload-${Math.random().toString(36).slice(2)}`);
    file.pipe(fs.createWriteStream(saveTo));
  });
  bb.on('close', () => {
    res.writeHead(200, { Connection: 'close' });
    res.end('That\'s all folks!');
  });
  req.pipe(bb);
}).listen(8000);
