var fs = require('fs'),
    path = require('path'),
    http = require('http'),
    RoutingStream = require('./routing-stream');

function serveStatic(root) {
  return function (req, res, next) {
    var file = path.join(root, decodeURIComponent(req.url.split('?')[0]));
    fs.stat(file, function (err, stat) {
      if (err || !stat.isFile()) { return next(); }
      res.writeHead(200, { 'content-length': stat.size });
      fs.createReadStream(file).pipe(res);
    });
  };
}

http.createServer(function (req, res) {
  var routing = new RoutingStream({ response: res, before: [serveStatic(process.cwd())] });
  req.pipe(routing);
}).listen(8080);
