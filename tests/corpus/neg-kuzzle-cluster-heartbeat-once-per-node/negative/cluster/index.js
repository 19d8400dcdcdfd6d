module.exports = require('./node');
