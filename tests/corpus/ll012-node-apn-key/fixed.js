var fs = require('fs');

function loadCredentials(options, callback) {
  fs.readFile(options.keyFile, function (err, data) {
    if (err) return callback(err);
    var key = data;
    callback(null, { key: key, cert: options.cert });
  });
}

module.exports = loadCredentials;
