const storage = require("./storage");

// every document ever opened, by id
const openDocuments = new Map();

exports.getDocument = async (id) => {
    const cached = openDocuments.get(id);
    if (cached) return cached;
    const document = { id, text: await storage.load(id) };
    openDocuments.set(id, document);
    return document;
};
