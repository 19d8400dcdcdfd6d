var spawn = require('child_process').spawn;

exports.request = function (args, callback) {
  var child = spawn('curl', args);
  var stdout = '';
  child.stdout.on('data', function (data) { stdout += data; });
  child.on('exit', function (code) { callback(code ? new Error('curl ' + code) : null, stdout); });
};
