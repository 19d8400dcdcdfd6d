var http = require('http');

function HttpProxy(options) {
  this.target = options.target;
  this.target.agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets || 100 });
}

HttpProxy.prototype.proxyRequest = function (req, res) {
  var outgoing = {};
  outgoing.host = this.target.host;
  outgoing.port = this.target.port;
  outgoing.agent = this.target.agent;
  outgoing.method = req.method;
  outgoing.path = req.url;
  // A copy: the agent may keep the options, and must not keep the request with them.
  outgoing.headers = {};
  for (var attr in req.headers) {
    if (Object.prototype.hasOwnProperty.call(req.headers, attr)) {
      outgoing.headers[attr] = req.headers[attr];
    }
  }

  var reverseProxy = http.request(outgoing, function (response) {
    res.writeHead(response.statusCode, response.headers);
    response.pipe(res);
  });
  req.pipe(reverseProxy);
};

module.exports = HttpProxy;
