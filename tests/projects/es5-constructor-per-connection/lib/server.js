var Session = require('./session');
var Upload = require('./upload');

module.exports = function attach(wss) {
  wss.on('connection', function (socket) {
    var session = Session.open(socket.user, socket.id);
    var upload = new Upload(socket.user);
    socket.on('close', session.release());
    socket.on('message', function (data) {
      upload.write(data);
    });
  });
};
