'use strict';

var crypto = require('crypto');

function HashRing(servers) {
  this.servers = servers;
  this.ring = [];
  // expect: LL001
  this.cache = {};
  this.generateRing();
}

HashRing.prototype.generateRing = function generateRing() {
  var self = this;
  this.ring = this.servers.map(function (server) {
    return { server: server, hash: self.hashValue(server) };
  }).sort(function (a, b) { return a.hash - b.hash; });
  this.cache = {};
};

HashRing.prototype.hashValue = function hashValue(key) {
  return parseInt(crypto.createHash('md5').update(String(key)).digest('hex').slice(0, 8), 16);
};

HashRing.prototype.getNode = function getNode(key) {
  if (this.cache[key]) return this.cache[key];

  var hash = this.hashValue(key);
  var node = this.ring[0].server;
  for (var i = 0; i < this.ring.length; i++) {
    if (this.ring[i].hash >= hash) { node = this.ring[i].server; break; }
  }
  return this.cache[key] = node;
};

module.exports = HashRing;
