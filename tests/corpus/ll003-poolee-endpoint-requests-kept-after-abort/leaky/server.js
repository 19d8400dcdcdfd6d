var http = require('http')
var Pool = require('./index')

var backend = new Pool(http, ['10.0.0.1:8000', '10.0.0.2:8000'], { timeout: 5000 })

http.createServer(function (req, res) {
	backend.request({ path: req.url, method: 'GET' }, function (err, response, body) {
		if (err) {
			res.writeHead(502)
			return res.end(err.message)
		}
		res.writeHead(response.statusCode, { 'content-type': 'application/json' })
		res.end(body)
	})
}).listen(8080)
