const registry = require("./registry");

module.exports = function listen(server) {
    server.on("connection", (socket) => {
        registry.add(socket.remoteAddress, socket);
    });
};
