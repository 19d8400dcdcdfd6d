const connected = {};

module.exports = { connected };
