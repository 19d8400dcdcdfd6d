const http = require('http');
const app = require('./app.js');
const Lobby = require('./lobby.js');

const server = http.createServer(app);
const lobby = new Lobby(server, { config: { secret: process.env.SECRET } });

server.listen(4000);

module.exports = lobby;
