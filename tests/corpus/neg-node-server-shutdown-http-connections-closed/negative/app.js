'use strict';

const http = require('http');
const https = require('https');
const ServerShutdown = require('./server-shutdown');

const serverShutdown = new ServerShutdown();

const httpServer = http.createServer((req, res) => {
	res.end('HTTP response');
}).listen(80);

const httpsServer = https.createServer((req, res) => {
	res.end('HTTPS response');
}).listen(443);

serverShutdown.registerServer(httpServer);
serverShutdown.registerServer(httpsServer);

process.on('SIGTERM', () => {
	serverShutdown.shutdown(() => console.log('All servers shutdown gracefully'));
});
