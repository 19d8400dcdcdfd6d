const pubsub = require("./pubsub");

module.exports = function createCache(name) {
    const entries = new Map();
    process.on(`${name}:reset`, () => entries.clear());
    return entries;
};
