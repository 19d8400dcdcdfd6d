'use strict';

const async = require('async');
const events = require('events');
const request = require('request');

function processBatchSet(dbUrl, parallelism, batches, ee, callback) {
  let total = 0;

  const q = async.queue(function(payload, done) {
    const thisBatch = payload.batch;
    delete payload.batch;
    request({ url: dbUrl + '/_bulk_get', method: 'post', json: true, body: payload }, function(err, res, data) {
      if (!err && data && data.results) {
        const output = [];
        data.results.forEach(function(d) {
          (d.docs || []).forEach(function(doc) {
            if (doc.ok) output.push(doc.ok);
          });
        });
        total += output.length;
        ee.emit('received', { length: output.length, total: total, data: output, batch: thisBatch }, q);
      } else {
        ee.emit('error', err);
      }
      done();
    });
  }, parallelism);

  for (const i in batches) q.push(batches[i]);
  q.drain = function() {
    callback(null, { total: total });
  };
}

module.exports = function(dbUrl, bufferSize, parallelism) {
  const ee = new events.EventEmitter();
  request({ url: dbUrl + '/_changes', json: true }, function(err, res, changes) {
    if (err) return ee.emit('error', err);
    const batches = [];
    for (let i = 0; i < changes.results.length; i += bufferSize) {
      batches.push({ batch: batches.length, docs: changes.results.slice(i, i + bufferSize).map(c => ({ id: c.id })) });
    }
    processBatchSet(dbUrl, parallelism, batches, ee, function(err, summary) {
      ee.emit('finished', summary);
    });
  });
  return ee;
};
