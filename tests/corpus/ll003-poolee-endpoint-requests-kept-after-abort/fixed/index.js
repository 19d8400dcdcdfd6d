var inherits = require('util').inherits,
    EventEmitter = require('events').EventEmitter,
    EndpointError = require('./lib/error')(inherits),
    Endpoint = require('./lib/endpoint')(inherits, EventEmitter, EndpointError)

function Pool(http, nodes, options) {
	this.nodes = nodes.map(function (node) {
		var parts = node.split(':')
		return new Endpoint(http, parts[0], +parts[1], options)
	})
}

Pool.prototype.request = function (options, callback) {
	var node = this.nodes.reduce(function (best, n) { return n.pending < best.pending ? n : best })
	node.request(options, callback)
}

module.exports = Pool
