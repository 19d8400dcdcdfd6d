'use strict';

const express = require('express');
const hat = require('hat');

function Engine(config) {
  this._config = config;
  this._pendingResponses = {};
}

Engine.prototype.start = function (callback) {
  this.server = this._createServer().listen(this._config.port, callback);
};

Engine.prototype._createServer = function () {
  const app = express();
  this._keepPendingResponsesClean();
  app.use(this._trackResponseStatus.bind(this));
  app.get('/health', (req, res) => res.json({ pending: this._countPendingResponses() }));
  return app;
};

Engine.prototype._trackResponseStatus = function (req, res, next) {
  // expect: LL003
  this._pendingResponses[hat()] = res;
  next();
};

Engine.prototype._keepPendingResponsesClean = function () {
  const self = this;
  setInterval(function () {
    for (const id in self._pendingResponses) {
      if (self._pendingResponses[id].finished) {
        delete self._pendingResponses[id];
      }
    }
  }, 5000);
};

Engine.prototype._countPendingResponses = function () {
  let count = 0;
  for (const id in this._pendingResponses) {
    if (!this._pendingResponses[id].finished) count++;
  }
  return count;
};

module.exports = Engine;
