var app = require('express')();
var http = require('http').Server(app);
var io = require('socket.io')(http);
var bodyParser = require('body-parser');

app.use(bodyParser.json());

var pushService = (function() {
	var connections = {};
	return {
		registerUser: function(userId, connectionId) {
			if (connections[userId] === undefined) {
				connections[userId] = {};
			}
			connections[userId][connectionId] = null;
		},
		registerSocket: function(userId, connectionId, socket) {
			if (connections[userId] != null && connections[userId][connectionId] == null) {
				socket.userId = userId;
				socket.connectionId = connectionId;
				connections[userId][connectionId] = socket;
				return true;
			}
			return false;
		},
		removeConnection: function(socket) {
			var userId = socket.userId;
			var connectionId = socket.connectionId;
			if (userId && connectionId && connections[userId] && connections[userId][connectionId]) {
				delete connections[userId][connectionId];
			}
		},
		pushMessage: function(userId, message) {
			var userConnections = connections[userId];
			if (userConnections) {
				for (var connectionId in userConnections) {
					var socket = userConnections[connectionId];
					if (socket != null) socket.emit('message', message);
				}
			}
		}
	};
}());

io.on('connection', function(socket) {
	socket.on('register', function(userId, connectionId) {
		pushService.registerSocket(userId, connectionId, socket);
	});
	socket.on('disconnect', function() {
		pushService.removeConnection(socket);
	});
});

app.put('/api/:userId/register', function(req, res) {
	var userId = req.params['userId'];
	var connectionId = req.query['connectionId'];
	if (userId && connectionId) {
		pushService.registerUser(userId, connectionId);
		res.send();
	} else {
		res.status(400).send('Bad Request');
	}
});

app.post('/api/:userId/push', function(req, res) {
	pushService.pushMessage(req.params['userId'], req.body.message);
	res.send();
});

http.listen(3000);
