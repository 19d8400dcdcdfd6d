var express = require('express');
var app = express();
var serv = require('http').Server(app);
var io = require('socket.io')(serv, {});

var MAX_SOCKET_ACTIVITY_PER_SECOND = 1000;
var SOCKET_LIST = {};
var PLAYER_LIST = {};
// expect: LL001
var SOCKET_ACTIVITY = {};

io.sockets.on("connection", function(socket) {
	socket.id = Math.random();
	if(SOCKET_ACTIVITY[socket.id] == undefined) {
		SOCKET_ACTIVITY[socket.id] = 0;
	}
	SOCKET_LIST[socket.id] = socket;
	PLAYER_LIST[socket.id] = { id: socket.id, hp: 10 };

	socket.on("disconnect", function() {
		delete PLAYER_LIST[socket.id];
		disconnectSocket(socket.id);
	});

	socket.on("*", function(data) {
		// after a kick this turns the deleted entry into NaN
		SOCKET_ACTIVITY[socket.id]++;
	});
});

function disconnectSocket(id) {
	if(SOCKET_LIST[id]) SOCKET_LIST[id].disconnect();
	delete SOCKET_LIST[id];
	delete SOCKET_ACTIVITY[id];
}

// Overload protection
setInterval(function() {
	for(var sa in SOCKET_ACTIVITY) {
		if(SOCKET_ACTIVITY[sa] > MAX_SOCKET_ACTIVITY_PER_SECOND) {
			delete PLAYER_LIST[sa];
			disconnectSocket(sa);
		} else {
			SOCKET_ACTIVITY[sa] = 0;
		}
	}
}, 1000);

serv.listen(8080);
