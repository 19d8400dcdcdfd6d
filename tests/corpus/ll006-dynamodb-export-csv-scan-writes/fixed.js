var _ = require('underscore');
var async = require('async');
var csv = require('fast-csv');
var fs = require('fs');
var zlib = require('zlib');

function writeItem(stream, item, columns) {
  var row = {};
  _.each(columns, function (column) {
    var value = item[column];
    row[column] = value ? value.S || value.N : '';
  });
  return stream.write(row);
}

function exportTable(dynamodb, table, columns, file, callback) {
  var csvStream = csv.format({ headers: true });
  csvStream.pipe(zlib.createGzip()).pipe(fs.createWriteStream(file));
  var query = { TableName: table, Limit: 1000 };
  var more = true;

  async.doWhilst(
    function (done) {
      dynamodb.scan(query, function (err, data) {
        if (err) return done(err);
        query.ExclusiveStartKey = data.LastEvaluatedKey;
        more = !!data.LastEvaluatedKey;
        async.eachSeries(data.Items, function (item, next) {
          // Wait for the stream to drain before writing the next row.
          if (!writeItem(csvStream, item, columns)) {
            csvStream.once('drain', function () { setImmediate(next); });
          } else {
            setImmediate(next);
          }
        }, function () { done(null); });
      });
    },
    function () { return more; },
    function (err) {
      csvStream.end();
      callback(err);
    }
  );
}

module.exports = exportTable;
