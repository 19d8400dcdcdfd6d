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
          // expect: LL003
          socketIndex[sid][client.id] = client;
          socketQueue.emit(sid, client);
        }
      });
    }
  });
}

SessionStore.prototype.getSession = function (sid, fn) {
  this.db.findOne({ id: sid }, fn);
};

module.exports = SessionStore;
