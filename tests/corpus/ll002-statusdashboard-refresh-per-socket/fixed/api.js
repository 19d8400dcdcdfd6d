var EventEmitter = require('events').EventEmitter;

// The one status controller of the process: checks services and emits 'refresh'.
var controller = new EventEmitter();
module.exports = controller;

var status = { services: [], lastUpdate: null };

controller.getStatus = function () {
  return status;
};

controller.refresh = function (services) {
  status = { services: services, lastUpdate: new Date() };
  controller.emit('refresh', status);
};
