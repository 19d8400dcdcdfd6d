const http = require('http');

module.exports = function get(options, callback) {
  http.get(options, (res) => {
    if (res.statusCode < 200 || res.statusCode >= 300) {
      res.resume();
      return callback(new Error(`GET failed with: ${res.statusCode}`));
    }
    let raw = '';
    res.on('data', (chunk) => { raw += chunk; });
    res.on('end', () => callback(null, JSON.parse(raw)));
  });
};
