'use strict';

var once = require('once');
var PayloadTooLargeError = require('./errors').PayloadTooLargeError;

function bodyReader(options) {
    var opts = options || {};
    var maxBodySize = opts.maxBodySize || 0;

    function readBody(req, res, originalNext) {
        var next = once(originalNext);

        if (req._bodyRead) {
            next();
            return;
        }
        req._bodyRead = true;

        if (req.getContentLength() === 0 && !req.isChunked()) {
            next();
            return;
        }

        var chunks = [];
        var received = 0;

        function done() {
            if (maxBodySize && received > maxBodySize) {
                next(new PayloadTooLargeError('Request body size exceeds ' + maxBodySize));
                return;
            }
            req.body = Buffer.concat(chunks);
            next();
        }

        req.once('end', done);
        req.on('data', function onChunk(chunk) {
            received += chunk.length;
            if (maxBodySize && received > maxBodySize) {
                return;
            }
            chunks.push(chunk);
        });

        req.once('error', next);
        // stop waiting when the client goes away half way through a POST
        res.once('close', next);
        req.once('aborted', next);
        req.resume();
    }

    return readBody;
}

module.exports = bodyReader;
