var http = require('http');

function HttpProxy(options) {
  this.target = options.target;
}

HttpProxy.prototype.proxyRequest = function (req, res) {
  var outgoing = {
    host: this.target.host,
    port: this.target.port,
    method: req.method,
    path: req.url,
    headers: req.headers,
  };

  var reverseProxy = http.request(outgoing, function (response) {
    res.writeHead(response.statusCode, response.headers);
    response.on('data', function (chunk) {
      if (req.method !== 'HEAD' && res.writable) {
        // expect: LL006
        res.write(chunk);
      }
    });
    response.on('end', function () {
      res.end();
    });
  });

  req.on('data', function (chunk) {
    // expect: LL006
    reverseProxy.write(chunk);
  });
  req.on('end', function () {
    reverseProxy.end();
  });
};

module.exports = HttpProxy;
