const { EventEmitter } = require('events');

const timeouts = new EventEmitter();

const server = require('http').createServer((req, res) => {
  const onTimeout = () => res.destroy();
  timeouts.on('timeout', onTimeout);
  res.on('close', () => timeouts.off('timeout', onTimeout));
  res.end('ok');
});

server.listen(8080);
