var Emitter = require('./index');

function RpcClient(url) {
  var self = this;
  this.nextId = 0;
  this.ws = new WebSocket(url);
  this.ws.onmessage = function (event) {
    var msg = JSON.parse(event.data);
    self.emit('reply:' + msg.id, msg.error, msg.result);
  };
}

Emitter(RpcClient.prototype);

RpcClient.prototype.call = function (method, params, cb) {
  var id = ++this.nextId;
  this.once('reply:' + id, cb);
  this.ws.send(JSON.stringify({ id: id, method: method, params: params }));
};

var client = new RpcClient('wss://example.test/rpc');

setInterval(function () {
  client.call('status', {}, function (err, status) {
    document.title = err ? 'offline' : status.name;
  });
}, 5000);

module.exports = client;
