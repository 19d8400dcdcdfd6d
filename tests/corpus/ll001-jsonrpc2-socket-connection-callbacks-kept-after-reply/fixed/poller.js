var Client = require('./src/client.js');

var client = new Client(8089, 'localhost');

client.connectSocket(function (err, conn) {
	if (err) throw err;
	setInterval(function () {
		var asked = new Date();
		conn.call('status', [], function (error, result) {
			console.log('status at', asked, error || result);
		});
	}, 1000);
});
