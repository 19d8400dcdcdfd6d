const { Server } = require('hyper-express');
const crypto = require('crypto');

const server = new Server();
const sseStreams = {};

server.get('/news/events', (request, response) => {
  if (!response.sse) {
    response.send('Server-Sent Events not supported');
    return;
  }
  response.sse.open();
  response.sse.send('data: connected\n\n');

  const id = crypto.randomUUID();
  sseStreams[id] = response.sse;

  response.on('close', () => {
    delete sseStreams[id];
  });
  response.on('abort', () => {
    delete sseStreams[id];
  });
});

function broadcast(message) {
  Object.values(sseStreams).forEach((sse) => sse.send(message));
}

server.listen(8080);
module.exports = { broadcast };
