// The folder's entry hands out the node class itself.
module.exports = require('./node');
