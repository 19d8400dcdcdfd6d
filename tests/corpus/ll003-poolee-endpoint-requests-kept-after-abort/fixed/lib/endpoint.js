var Stream = require('stream')

module.exports = function (inherits, EventEmitter, EndpointError) {
	var clock = Date.now()
	var clockInterval = setInterval(function () { clock = Date.now() }, 10)
	if (clockInterval.unref) { clockInterval.unref() }
	function noop() { return false }

	function Endpoint(protocol, ip, port, options) {
		options = options || {}
		this.http = protocol
		this.ip = ip
		this.port = port
		this.timeout = options.timeout || 60000
		this.agent = new protocol.Agent({ maxSockets: options.maxSockets || 20 })
		this.requests = {}
		this.requestCount = 0
		this.pending = 0
		this.resolution = options.resolution || 1000
		if (this.resolution > 0 && this.timeout > 0) {
			this.timeoutInterval = setInterval(this.checkTimeouts.bind(this), this.resolution)
			if (this.timeoutInterval.unref) { this.timeoutInterval.unref() }
		}
		EventEmitter.call(this)
	}
	inherits(Endpoint, EventEmitter)

	Endpoint.prototype.checkTimeouts = function () {
		var keys = Object.keys(this.requests)
		for (var i = 0; i < keys.length; i++) {
			var r = this.requests[keys[i]]
			if (r.lastTouched <= clock - r.options.timeout) {
				this.emit('timeout', r)
				r.timedOut = true
				r.abort()
			}
		}
	}

	Endpoint.prototype.complete = function (error, request, response, body) {
		this.deleteRequest(request.id)
		this.pending--
		request.callback(error, response, body)
		request.callback = null
	}

	Endpoint.prototype.request = function (options, callback) {
		options.host = this.ip
		options.port = this.port
		options.timeout = options.timeout || this.timeout
		options.agent = this.agent

		var req = this.http.request(options)
		req.node = this
		req.options = options
		req.id = this.requestCount++
		req.callback = callback || noop
		req.lastTouched = clock
		req.on('response', gotResponse)
		req.on('error', gotError)
		req.on('abort', requestAborted)

		if (options.data instanceof Stream) {
			options.data.pipe(req)
		} else {
			req.end(options.data)
		}

		this.pending++
		this.requests[req.id] = req
	}

	Endpoint.prototype.deleteRequest = function (id) {
		delete this.requests[id]
	}

	// this = request
	function gotResponse(response) {
		response.bodyChunks = []
		response.request = this
		response.on('data', gotData)
		response.on('end', gotEnd)
		response.on('aborted', gotAborted)
	}

	// this = request
	function gotError(error) {
		var msg = this.timedOut ? 'request timed out' : error.message
		this.node.complete(new EndpointError(msg, { attempt: this }), this)
	}

	// this = request
	function requestAborted() {
		this.node.deleteRequest(this.id)
		// gotError will handle the rest
	}

	// this = response
	function gotData(chunk) {
		this.request.lastTouched = clock
		this.bodyChunks.push(chunk)
	}

	// this = response
	function gotEnd() {
		var req = this.request
		if (req.callback === null) { return }
		if (req.timedOut) { return gotAborted.call(this) }
		req.node.complete(null, req, this, Buffer.concat(this.bodyChunks).toString('utf8'))
	}

	// this = response
	function gotAborted() {
		var msg = this.request.timedOut ? 'response timed out' : 'connection aborted'
		this.request.node.complete(new EndpointError(msg, { attempt: this.request }), this.request)
	}

	return Endpoint
}
