var util = require('util'),
    Stream = require('stream').Stream,
    ResponseStream = require('./response-stream');

var RoutingStream = module.exports = function (options) {
  Stream.call(this);
  this.writable = true;
  this.before = options.before || [];
  this.response = options.response;
  this.target = new ResponseStream({ response: this.response });
  this.once('pipe', this.route);
};

util.inherits(RoutingStream, Stream);

RoutingStream.prototype.route = function (req) {
  var self = this;
  this.target.pipe(this.response);
  (function next(i) {
    var fn = self.before[i];
    if (!fn) { return; }
    fn(req, self.target, function () { next(i + 1); });
  })(0);
};

RoutingStream.prototype.write = function () {};
RoutingStream.prototype.end = function () {};
