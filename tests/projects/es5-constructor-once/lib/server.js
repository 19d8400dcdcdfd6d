var Session = require('./session');
var Upload = require('./upload');

var admin = Session.open('admin', 'console');
var upload = new Upload('admin');

module.exports = function attach(wss) {
  wss.on('connection', function (socket) {
    socket.on('message', function (data) {
      upload.write(data);
    });
  });
  return admin;
};
