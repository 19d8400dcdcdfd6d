var express = require('express');
var handler = express();
var app = require('http').createServer(handler);
var ioServer = require('socket.io')(app);

app.listen(3001, '0.0.0.0');

// expect: LL001
var registerdUUIDs = {};
// expect: LL001
var socketID_UUIDMatch = {};

ioServer.sockets.on('connection', function (socket) {
    let roomOfUser = null;
    let MY_UUID = null;

    socket.on('registerUUID', function (content, callback) {
        const UUID = content['UUID'] || null;
        const UUID_KEY = content['UUID'] || null;
        if (UUID && UUID_KEY) {
            if (!registerdUUIDs[UUID] || registerdUUIDs[UUID] == UUID_KEY) {
                const alreadyRegistred = registerdUUIDs[UUID] == UUID_KEY;
                registerdUUIDs[UUID] = UUID_KEY;
                socketID_UUIDMatch[UUID] = socket.id;
                MY_UUID = UUID;
                callback(null, alreadyRegistred);
            } else {
                callback('UUID_KEY was not correct!');
            }
        } else {
            callback('UUID or UUID_KEY was empty on registerUUID!');
        }
    });

    socket.on('disconnect', function () {
        socket.to(roomOfUser).emit('userDiscconected', MY_UUID);
    });

    socket.on('signaling', function (content) {
        var destSocketId = socketID_UUIDMatch[content.destUUID];
        ioServer.to(destSocketId).emit('signaling', { signalingData: content.signalingData, fromUUID: MY_UUID });
    });
});
