'use strict';

var util         = require('util');
var EventEmitter = require('events').EventEmitter;

var maxPingTime = 30000, minPingTime = 1000;

module.exports = Client;

util.inherits(Client, EventEmitter);
function Client(socket, options){
    this.options    = options || {};
    this._socket    = socket;
    this.role       = 'client';
    this.closed     = false;
    if(this.options.role && this.options.role.toLowerCase() == 'server'){
        this.role = 'server';
    }
    listen(this);
}

Client.prototype.message = function(callback){
    this.on('message', callback);
    return this;
};

Client.prototype.ping = function(){
    this._socket.write(Buffer.from([0x89, 0x00]));
};

Client.prototype.destroy = function () {
    if (!this._socket.destroyed) {
        this._socket.destroy();
    }
    this.removeAllListeners();
    this.closed = true;
};

function listen(client){
    var data = Buffer.alloc(0);

    client._socket.on('data',function(chunk){
        data = Buffer.concat([data, chunk]);
        client.emit('message', data.toString(), client);
        data = Buffer.alloc(0);
    });

    if(client.role == 'server'){
        var pingTime = maxPingTime;
        if(client._socket.server && client._socket.server.timeout){
            pingTime = Math.round(client._socket.server.timeout / 2.1);
        }
        if(pingTime < minPingTime) pingTime = minPingTime;
        // one ping timer per connection, stopped when its socket closes
        var inter = setInterval(function(){
            client.ping();
        },pingTime);
    }

    client._socket.on('close',function(){
        clearInterval(inter);
        client.emit('close', client);
        client.destroy();
    });

    client._socket.on('error',function(e){
        client.emit('error',e);
    });
}
