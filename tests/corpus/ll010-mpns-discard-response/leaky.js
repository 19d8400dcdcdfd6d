const https = require('https');

function sendNotification(options, payload, callback) {
  // expect: LL010
  const req = https.request(options, (res) => {
    callback(null, {
      statusCode: res.statusCode,
      notificationStatus: res.headers['x-notificationstatus'],
      deviceConnectionStatus: res.headers['x-deviceconnectionstatus'],
    });
  });
  req.on('error', callback);
  req.end(payload);
}

module.exports = { sendNotification };
