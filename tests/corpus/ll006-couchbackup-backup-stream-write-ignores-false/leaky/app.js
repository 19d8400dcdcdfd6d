'use strict';

const events = require('events');
const backupFull = require('./includes/backup.js');

module.exports = {
  /**
   * Back up a database to a stream.
   * @param {stream.Writable} targetStream - stream to write the backup to
   */
  backup: function(srcUrl, targetStream, opts, callback) {
    const ee = new events.EventEmitter();

    backupFull(srcUrl, opts.bufferSize, opts.parallelism)
      .on('received', function(obj) {
        // expect: LL006
        targetStream.write(JSON.stringify(obj.data) + '\n');
        ee.emit('written', { total: obj.total, batch: obj.batch });
      })
      .on('error', function(obj) {
        ee.emit('error', obj);
      })
      .on('finished', function(obj) {
        const summary = { total: obj.total };
        if (targetStream === process.stdout) {
          if (callback) callback(null, summary);
        } else {
          targetStream.end('', '', function() {
            if (callback) callback(null, summary);
          });
        }
      });

    return ee;
  }
};
