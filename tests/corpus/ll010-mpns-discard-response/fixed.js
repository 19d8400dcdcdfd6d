const https = require('https');

function sendNotification(options, payload, callback) {
  const req = https.request(options, (res) => {
    res.resume();
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
