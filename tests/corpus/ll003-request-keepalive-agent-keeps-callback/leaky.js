var http = require('http');
var https = require('https');
var util = require('util');
var stream = require('stream');

var keepAliveAgent = new http.Agent({ keepAlive: true });

function copy(obj) {
  var out = {};
  Object.keys(obj).forEach(function (key) {
    out[key] = obj[key];
  });
  return out;
}

function Request(options, callback) {
  stream.Stream.call(this);
  this.uri = options.uri;
  this.method = options.method || 'GET';
  this.headers = options.headers || {};
  this.agent = options.forever ? keepAliveAgent : undefined;
  this.callback = callback;
  this._callback = callback;
  this.httpModule = this.uri.protocol === 'https:' ? https : http;
}
util.inherits(Request, stream.Stream);

Request.prototype.start = function () {
  var self = this;
  var reqOptions = copy(self);
  delete reqOptions.auth;

  // expect: LL003
  self.req = self.httpModule.request(reqOptions);
  self.req.on('response', function (response) {
    self.callback(null, response);
  });
  self.req.end();
};

module.exports = Request;
