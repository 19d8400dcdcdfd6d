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
  // expect: LL003
  outgoing.headers = req.headers;

  var reverseProxy = http.request(outgoing, function (response) {
    res.writeHead(response.statusCode, response.headers);
    response.pipe(res);
  });
  req.pipe(reverseProxy);
};

module.exports = HttpProxy;
