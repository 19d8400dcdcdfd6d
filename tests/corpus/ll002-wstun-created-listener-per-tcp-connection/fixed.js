var net = require('net');
var url = require('url');
var EventEmitter = require('events').EventEmitter;
var bindSockets = require('./bindSockets');

var newDataSocket = new EventEmitter();

function ReverseServer(wsServer) {
  this.wsServer = wsServer;
}

ReverseServer.prototype.start = function (port) {
  this.wsServer.on('request', function (request) {
    var uri = url.parse(request.httpRequest.url, true);
    if (uri.query.dst === undefined) {
      newDataSocket.emit('created', request);
      return;
    }
    var control = request.accept('tunnel-protocol', request.origin);
    var tcpServer = net.createServer();
    tcpServer.listen(uri.query.dst.split(':')[1]);
    tcpServer.on('connection', function (tcpConn) {
      tcpConn.pause();
      var id = String(Math.random()).slice(2);
      control.sendUTF('NC:' + id);
      var onCreated = function (dataRequest) {
        try {
          var query = url.parse(dataRequest.httpRequest.url, true).query;
          if (query.id === id) {
            bindSockets(dataRequest.accept('tunnel-protocol', dataRequest.origin), tcpConn);
            tcpConn.resume();
            newDataSocket.removeListener('created', onCreated);
          }
        } catch (err) {
          tcpServer.close();
          newDataSocket.removeListener('created', onCreated);
        }
      };
      newDataSocket.on('created', onCreated);
    });
  });
};

module.exports = ReverseServer;
