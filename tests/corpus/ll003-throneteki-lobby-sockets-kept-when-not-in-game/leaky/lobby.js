const socketio = require('socket.io');
const _ = require('underscore');
const Socket = require('./socket.js');

class Lobby {
    constructor(server, options = {}) {
        this.sockets = {};
        this.users = {};
        this.games = {};
        this.config = options.config;

        this.io = options.io || socketio(server);
        this.io.on('connection', this.onConnection.bind(this));
    }

    findGameForUser(username) {
        return _.find(this.games, game => game.hasActivePlayer(username));
    }

    broadcastGameList() {
        this.io.emit('games', _.map(this.games, game => game.getSummary()));
    }

    onConnection(ioSocket) {
        var socket = new Socket(ioSocket, { config: this.config });

        socket.registerEvent('newgame', this.onNewGame.bind(this));
        socket.on('disconnect', this.onSocketDisconnected.bind(this));

        // expect: LL003
        this.sockets[ioSocket.id] = socket;

        if(socket.user) {
            this.users[socket.user.username] = socket.user;
        }
    }

    onNewGame(socket, details) {
        this.games[details.id] = details;
        this.broadcastGameList();
    }

    onSocketDisconnected(socket) {
        if(!socket) {
            return;
        }

        if(!socket.user) {
            delete this.sockets[socket.id];
            return;
        }

        delete this.users[socket.user.username];

        var game = this.findGameForUser(socket.user.username);
        if(!game) {
            return;
        }

        game.disconnect(socket.user.username);
        if(game.isEmpty()) {
            delete this.games[game.id];
        }

        delete this.sockets[socket.id];

        this.broadcastGameList();
    }
}

module.exports = Lobby;
