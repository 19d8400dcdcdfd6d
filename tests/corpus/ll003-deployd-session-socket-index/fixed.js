var Cookies = require('cookies');
var EventEmitter = require('events').EventEmitter;

function SessionStore(namespace, db, sockets) {
  var self = this;
  var socketQueue = (this.socketQueue = new EventEmitter());
  var socketIndex = (this.socketIndex = {});
  this.sockets = sockets;

  sockets.on('connection', function (client) {
    var cookies = new Cookies(client.handshake);
    var sid = cookies.get('sid');

    if (sid) {
      self.getSession(sid, function (err, session) {
        if (session) {
          socketIndex[sid] = socketIndex[sid] || {};
          socketIndex[sid][client.id] = client;
          socketQueue.emit(sid, client);
        }
      });
    }

    client.on('disconnect', function () {
      // unassign the socket from every session it was indexed under
      Object.keys(socketIndex).forEach(function (key) {
        delete socketIndex[key][client.id];
      });
    });
  });
}

SessionStore.prototype.getSession = function (sid, fn) {
  this.db.findOne({ id: sid }, fn);
};

module.exports = SessionStore;
