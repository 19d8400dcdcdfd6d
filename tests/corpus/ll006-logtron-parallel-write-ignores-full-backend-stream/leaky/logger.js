var EventEmitter = require('events').EventEmitter;
var inherits = require('inherits');

var parallelWrite = require('./lib/parallel-write.js');

function Logger(opts) {
    if (!(this instanceof Logger)) {
        return new Logger(opts);
    }

    EventEmitter.call(this);

    var meta = opts.meta;

    this.streams = Object.keys(opts.backends)
        .reduce(function (acc, backendName) {
            var backend = opts.backends[backendName];
            if (!backend) {
                return acc;
            }

            acc[backendName] = backend.createStream(meta);
            return acc;
        }, {});

    ['info', 'warn', 'error'].forEach(function (levelName) {
        this[levelName] = logMethod(this, levelName);
    }, this);
}

inherits(Logger, EventEmitter);

module.exports = Logger;

function logMethod(logger, levelName) {
    var logStreams = logger.streams;

    return log;

    function log(message, opts, callback) {
        var triplet = [levelName, message, opts];

        parallelWrite(logStreams, triplet, function (err) {
            if (!err) {
                if (callback) {
                    callback(null);
                }
                return;
            }

            if (callback) {
                return callback(err);
            }

            logger.emit('error', err);
        });
    }
}
