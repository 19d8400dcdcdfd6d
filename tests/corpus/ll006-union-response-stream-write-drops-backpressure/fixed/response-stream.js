var util = require('util'),
    Stream = require('stream').Stream;

var ResponseStream = module.exports = function (options) {
  Stream.call(this);
  this.writable = true;
  this.readable = true;
  this.response = options.response;
  this.modified = false;
};

util.inherits(ResponseStream, Stream);

ResponseStream.prototype.writeHead = function (status, headers) {
  this.response.writeHead(status, headers);
};

ResponseStream.prototype.end = function (data) {
  if (data && this.writable) {
    this.emit('data', data);
  }
  this.modified = true;
  this.emit('end');
};

ResponseStream.prototype.pipe = function () {
  var self = this,
      dest;

  self.dest = dest = Stream.prototype.pipe.apply(self, arguments);
  dest.on('drain', function () {
    self.emit('drain');
  });
  return dest;
};

ResponseStream.prototype.write = function (data) {
  this.modified = true;
  if (this.writable) {
    return this.dest.write(data);
  }
};
