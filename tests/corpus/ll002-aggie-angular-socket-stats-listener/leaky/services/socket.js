angular.module('Aggie')

.factory('Socket', function ($rootScope) {
  // One connection for the whole single-page app.
  var socket = io('/');

  return {
    on: function (eventName, callback) {
      socket.on(eventName, function () {
        var args = arguments;
        $rootScope.$apply(function () {
          callback.apply(socket, args);
        });
      });
    },
    join: function (room) {
      socket.emit('join', room);
    },
    leave: function (room) {
      socket.emit('leave', room);
    },
    off: socket.removeListener.bind(socket),
    removeAllListeners: socket.removeAllListeners.bind(socket),
  };
});
