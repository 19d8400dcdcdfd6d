const http = require('http');
const https = require('https');

function resolveApiUrl(oauthStartURL, callback) {
  const timer = setTimeout(() => callback(null), 5000);
  // expect: LL010
  https.get(oauthStartURL, { rejectUnauthorized: false }, (res) => {
    clearTimeout(timer);
    if (res.statusCode === 302 && res.headers.location) {
      const location = new URL(res.headers.location);
      callback(`${location.protocol}//${location.host}`);
    } else {
      callback(null);
    }
  });
}

module.exports = { resolveApiUrl };
