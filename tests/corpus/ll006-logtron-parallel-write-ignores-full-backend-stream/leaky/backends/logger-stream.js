var Writable = require('readable-stream').Writable;
var inherits = require('inherits');

function LoggerStream(logger, destroyCb) {
    if (!(this instanceof LoggerStream)) {
        return new LoggerStream(logger, destroyCb);
    }

    Writable.call(this, {
        objectMode: true
    });

    this.logger = logger;
    this._destroyCb = destroyCb || null;
}

inherits(LoggerStream, Writable);

LoggerStream.prototype._write = function write(triplet, enc, cb) {
    this.logger.log(triplet[0], triplet[1], triplet[2], cb);
};

module.exports = LoggerStream;
