const express = require('express');

const app = express();
let inFlight = 0;

app.use((req, res, next) => {
  inFlight++;
  res.on('finish', () => inFlight--);
  next();
});
app.get('/', (req, res) => res.send('ok'));

const server = app.listen(3000);

const metricsTimer = setInterval(() => {
  console.log(JSON.stringify({ inFlight, rss: process.memoryUsage().rss }));
}, 10000);

function shutdown(signal) {
  console.log(`${signal} received: closing HTTP server`);
  clearInterval(metricsTimer);
  server.close(() => process.exit(0));
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
