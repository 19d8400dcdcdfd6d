'use strict';

var crypto = require('crypto');
var SimpleCache = require('simple-lru-cache');

function HashRing(servers, options) {
  this.servers = servers;
  this.ring = [];
  this.cacheSize = (options && options.maxCacheSize) || 5000;
  this.cache = new SimpleCache({ maxSize: this.cacheSize });
  this.generateRing();
}

HashRing.prototype.generateRing = function generateRing() {
  var self = this;
  this.ring = this.servers.map(function (server) {
    return { server: server, hash: self.hashValue(server) };
  }).sort(function (a, b) { return a.hash - b.hash; });
  this.cache = new SimpleCache({ maxSize: this.cacheSize });
};

HashRing.prototype.hashValue = function hashValue(key) {
  return parseInt(crypto.createHash('md5').update(String(key)).digest('hex').slice(0, 8), 16);
};

HashRing.prototype.getNode = function getNode(key) {
  var cached = this.cache.get(key);
  if (cached) return cached;

  var hash = this.hashValue(key);
  var node = this.ring[0].server;
  for (var i = 0; i < this.ring.length; i++) {
    if (this.ring[i].hash >= hash) { node = this.ring[i].server; break; }
  }
  this.cache.set(key, node);
  return node;
};

module.exports = HashRing;
