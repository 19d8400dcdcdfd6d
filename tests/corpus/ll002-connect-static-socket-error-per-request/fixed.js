var fs = require('fs');
var path = require('path');

exports.send = function (req, res, next, options) {
  var fn = options.callback;
  var done = false;
  var file = path.join(options.root, decodeURIComponent(req.url));

  fs.stat(file, function (err, stat) {
    if (err) return fn ? fn(err) : next(err);
    res.setHeader('Content-Length', stat.size);
    var stream = fs.createReadStream(file);
    stream.pipe(res);

    if (fn) {
      function callback(err) {
        done || fn(err);
        done = true;
        req.socket.removeListener('error', callback);
      }
      req.on('close', callback);
      req.socket.on('error', callback);
      stream.on('error', callback);
      stream.on('end', callback);
    } else {
      stream.on('error', function () {
        res.destroy();
      });
    }
  });
};
