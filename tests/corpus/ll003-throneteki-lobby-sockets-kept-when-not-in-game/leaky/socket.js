const EventEmitter = require('events');

class Socket extends EventEmitter {
    constructor(socket, options = {}) {
        super();

        this.socket = socket;
        this.user = socket.request.user;
        this.config = options.config;

        socket.on('disconnect', this.onDisconnect.bind(this));
    }

    get id() {
        return this.socket.id;
    }

    registerEvent(event, callback) {
        this.socket.on(event, (...args) => {
            if(this.user) {
                callback(this, ...args);
            }
        });
    }

    leaveChannel(channelName) {
        this.socket.leave(channelName);
    }

    send(message, ...args) {
        this.socket.emit(message, ...args);
    }

    onDisconnect() {
        this.emit('disconnect', this);
    }
}

module.exports = Socket;
