var stream = require('stream');
var util = require('util');
var mime = require('mime-types');

function Request(options) {
  stream.Stream.call(this);
  this.readable = true;
  this.writable = true;
  this.init(options);
}
util.inherits(Request, stream.Stream);

Request.prototype.init = function (options) {
  var self = this;
  self.uri = options.uri;
  self.headers = options.headers || {};

  // expect: LL002
  self.on('pipe', function (src) {
    self.src = src;
    if (src.path && !self.headers['content-type']) {
      self.headers['content-type'] = mime.lookup(src.path);
    }
  });
};

// Called for a 3xx response: re-initialise against the new location.
Request.prototype.onRedirect = function (location) {
  this.init({ uri: location, headers: this.headers });
};

module.exports = Request;
