var HashRing = require('./hashring');

// One client per process; every get/set picks its server through the ring.
function Client(servers) {
  this.servers = servers;
  this.HashRing = new HashRing(servers);
}

Client.prototype.get = function get(key, callback) {
  var server = this.HashRing.getNode(key);
  this.connect(server, function (err, connection) {
    if (err) return callback(err);
    connection.write('get ' + key + '\r\n');
    connection.once('value', callback);
  });
};

Client.prototype.connect = function connect(server, callback) {
  callback(null, require('./connection').get(server));
};

module.exports = Client;
