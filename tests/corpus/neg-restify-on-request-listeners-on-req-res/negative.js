'use strict';

var EventEmitter = require('events').EventEmitter;
var http = require('http');
var util = require('util');

function Server(options) {
    EventEmitter.call(this);
    this.name = options.name || 'restify';
    this.inflight = 0;
    this.server = http.createServer();
    this.server.on('request', this._onRequest.bind(this));
}
util.inherits(Server, EventEmitter);

Server.prototype._onRequest = function _onRequest(req, res) {
    var self = this;
    this.inflight++;
    req._timeStart = process.hrtime();

    function onReqAborted() {
        res.statusCode = 444;
        req._connectionState = 'close';
    }

    function onResFinish() {
        res._flushed = true;
        req._timeFlushed = process.hrtime();
        self._finishCycle(req, res);
    }

    function onResClose() {
        res._flushed = true;
        req._timeFlushed = req._timeFlushed || process.hrtime();
        self._finishCycle(req, res, res.err);
    }

    req.once('aborted', onReqAborted);
    res.once('finish', onResFinish);
    res.once('close', onResClose);
    res.on('redirect', function onRedirect(location) {
        self.emit('redirect', location);
    });

    this._run(req, res);
};

Server.prototype._finishCycle = function _finishCycle(req, res, err) {
    if (req._cycleDone) return;
    req._cycleDone = true;
    this.inflight--;
    this.emit('after', req, res, err);
};

Server.prototype._run = function _run(req, res) {
    this.emit('pre', req, res);
    res.end();
};

Server.prototype.listen = function listen() {
    return this.server.listen.apply(this.server, arguments);
};

module.exports = Server;
