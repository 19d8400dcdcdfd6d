'use strict';

const express = require('express');
const SSE = require('./sse');

const app = express();
const sse = new SSE(['connected']);

app.get('/stream', sse.init);

app.post('/publish', express.json(), (req, res) => {
  sse.send(req.body);
  res.sendStatus(204);
});

app.listen(3000);
