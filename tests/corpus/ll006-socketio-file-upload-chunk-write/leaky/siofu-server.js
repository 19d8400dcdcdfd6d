'use strict';

var fs = require('fs');

function SocketIOFileUploadServer(options) {
  var self = this;
  var files = {};

  self.dir = options.dir;

  function uploadStart(socket) {
    return function (data) {
      files[data.id] = {
        name: data.name,
        bytesLoaded: 0,
        writeStream: fs.createWriteStream(self.dir + '/' + data.name),
      };
      socket.emit('siofu_ready', { id: data.id });
    };
  }

  function uploadProgress(socket) {
    return function (data) {
      var fileInfo = files[data.id];
      if (!fileInfo) return;
      var buffer = Buffer.from(data.content);
      fileInfo.bytesLoaded += buffer.length;
      // expect: LL006
      fileInfo.writeStream.write(buffer);
      // Ask the client for the next chunk straight away.
      socket.emit('siofu_chunk', { id: data.id });
    };
  }

  self.listen = function (socket) {
    socket.on('siofu_start', uploadStart(socket));
    socket.on('siofu_progress', uploadProgress(socket));
  };
}

module.exports = SocketIOFileUploadServer;
