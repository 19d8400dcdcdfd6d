var clients = [];

exports.subscribe = function (req, res) {
  clients.push(res);

  res.on('close', function () {
    var index = clients.indexOf(res);
    if (index !== -1) clients.splice(index, 1);
  });
};

exports.publish = function (message) {
  clients.forEach(function (res) {
    res.end(message);
  });
  clients = [];
};
