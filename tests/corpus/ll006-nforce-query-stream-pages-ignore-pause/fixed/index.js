var request = require('request');
var QueryStream = require('./lib/querystream');

var Connection = function(opts) {
  this.apiVersion = opts.apiVersion || 'v29.0';
  this.mode = opts.mode || 'multi';
};

Connection.prototype.getUrl = function(url, oauth, callback) {
  var opts = { uri: oauth.instance_url + url, method: 'GET' };
  this._apiRequest(opts, oauth, null, callback);
};

Connection.prototype._apiRequest = function(opts, oauth, sobject, callback) {
  opts.headers = { 'Authorization': 'Bearer ' + oauth.access_token };
  opts.json = true;
  request(opts, function(err, res, body) {
    callback(err, body);
  });
};

Connection.prototype._queryHandler = function(query, oauth, all, callback) {
  var uri, opts, stream;
  var self = this;

  if(!callback) callback = function(){};

  stream = new QueryStream();

  var queryNext = function(url) {
    self.getUrl(url, oauth, function(err, resp) {
      if (err) {
        return stream.error(err);
      }
      var write_more = function () {
        if(resp.records && resp.records.length > 0) {
          stream.write(JSON.stringify(resp));
        }
        if(resp.nextRecordsUrl) {
          queryNext(resp.nextRecordsUrl);
        } else {
          stream.end();
        }
      };

      if (stream.writable) {
        write_more();
      }
      else {
        stream.once('resume', write_more);
      }
    });
  };

  uri = oauth.instance_url + '/services/data/' + this.apiVersion + '/query';
  if(all) uri += 'All';
  opts = { uri: uri, method: 'GET', qs: { q: query } };

  this._apiRequest(opts, oauth, null, function(err, resp){
    if (stream.isStreaming()) {
      if (err) {
        stream.error(err);
      }
      else {
        if(resp) {
          var write_more = function () {
            stream.write(JSON.stringify(resp));
            if(resp.nextRecordsUrl) {
              queryNext(resp.nextRecordsUrl);
            }
            else {
              stream.end();
            }
          };

          if (stream.writable) {
            write_more();
          }
          else {
            stream.once('resume', write_more);
          }
        }
      }
    }
    else {
      callback(err, resp);
    }
  });

  return stream;
};

Connection.prototype.query = function(query, oauth, callback) {
  return this._queryHandler(query, oauth, false, callback);
};

module.exports.createConnection = function(opts) {
  return new Connection(opts);
};
