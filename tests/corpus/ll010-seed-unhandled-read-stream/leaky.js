const fs = require('fs');

// expect: LL010
const stream = fs.createReadStream('huge-file.csv');

module.exports = { ready: true };
