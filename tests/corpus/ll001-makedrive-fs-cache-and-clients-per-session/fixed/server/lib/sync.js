var filesystem = require( "./filesystem" ),
    SyncMessage = require( "./syncmessage" ),
    rsync = require( "./rsync" );

Sync.LISTENING = "LISTENING";
Sync.OUT_OF_DATE = "OUT OF DATE";


var connectedClients = {};

function broadcastUpdate(username, response) {
  var clients = connectedClients[username];
  if(clients) {
    Object.keys(clients).forEach(function(sessionId) {
      if(sessionId !== "currentSyncSession" && clients.currentSyncSession !== sessionId) {
        var outOfDateClient = clients[sessionId].sync;
        outOfDateClient.state = Sync.OUT_OF_DATE;
        outOfDateClient.socket.send(response.stringify());
      }
    });
  }
}

function Sync(username, sessionId) {
  this.sessionId = sessionId;
  this.username = username;

  // track this client session under its user
  if (!connectedClients[username]) {
    connectedClients[username] = {};
  }
  connectedClients[username][sessionId] = {
    sync: this
  };
  this.fs = filesystem.create({
    keyPrefix: username,
    name: username
  });
  this.state = Sync.OUT_OF_DATE;
  this.path = '/';
}

Sync.prototype.init = function() {
  if(!(connectedClients[this.username].currentSyncSession)) {
    connectedClients[this.username].currentSyncSession = this.sessionId;
  }
};

Sync.prototype.end = function() {
  if(connectedClients[this.username].currentSyncSession) {
    var that = this;
    rsync.sourceList(this.fs, this.path, function(err, srcList) {
      var response = SyncMessage.request.chksum;
      response.content = {srcList: srcList, path: that.path};
      broadcastUpdate(that.username, response);
      delete connectedClients[that.username].currentSyncSession;
    });
  }
};

Sync.prototype.messageHandler = function(data) {
  data = SyncMessage.parse(data);
  if(data.is.sync && this.state === Sync.LISTENING) {
    this.init();
  } else if(data.is.reset) {
    this.end();
    this.state = Sync.LISTENING;
  }
};

Sync.prototype.setSocket = function(ws) {
  this.socket = ws;
};

// Close event for a sync
Sync.prototype.onClose = function() {
  var username = this.username;
  var id = this.sessionId;

  return function() {
    delete connectedClients[username][id];

    // Also remove the username from the list if there are no more connected clients.
    if(Object.keys(connectedClients[username]).length === 0) {
      delete connectedClients[username];
      filesystem.clearCache( username );
    }
  };
};

Sync.create = function(username, sessionId) {
  return new Sync(username, sessionId);
};

module.exports = Sync;
