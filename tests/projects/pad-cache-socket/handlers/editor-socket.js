const documents = require("../db/documents");

function attach(io) {
    io.on("connection", (socket) => {
        socket.on("open", async (message) => {
            const document = await documents.getDocument(message.documentId);
            socket.emit("opened", document.text);
        });
    });
}

module.exports = attach;
