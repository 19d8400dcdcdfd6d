#!/usr/bin/env node
'use strict';

const fs = require('fs');
const couchbackup = require('../app.js');

let ws = process.stdout;
if (process.env.COUCH_OUTPUT) {
  ws = fs.createWriteStream(process.env.COUCH_OUTPUT, { flags: 'w' });
}

couchbackup.backup(process.env.COUCH_URL, ws, { parallelism: 5, bufferSize: 500 }, function(err, data) {
  if (err) {
    console.error(err);
    process.exit(1);
  }
  console.error('backup complete', data.total);
});
