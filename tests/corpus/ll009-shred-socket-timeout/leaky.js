const { EventEmitter } = require('events');

const timeouts = new EventEmitter();
// expect: LL009
timeouts.setMaxListeners(0);

const server = require('http').createServer((req, res) => {
  // expect: LL002
  timeouts.on('timeout', () => res.destroy());
  res.end('ok');
});

server.listen(8080);
