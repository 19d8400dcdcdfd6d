;(function (root) {
  function CrossStorageClient(url, opts) {
    opts = opts || {};
    this._id = String(Math.random()).slice(2);
    this._origin = url;
    // expect: LL001
    this._requests = {};
    this._count = 0;
    this._timeout = opts.timeout || 5000;
    this._hub = null;
  }

  CrossStorageClient.prototype.get = function (key) {
    return this._request('get', { keys: [key] });
  };

  CrossStorageClient.prototype._onMessage = function (message) {
    var response = JSON.parse(message.data);
    if (this._requests[response.id]) {
      this._requests[response.id](response.error, response.result);
    }
  };

  CrossStorageClient.prototype._request = function (method, params) {
    var client = this;
    client._count++;
    var req = { id: this._id + ':' + client._count, method: 'cross-storage:' + method, params: params };

    return new Promise(function (resolve, reject) {
      var timeout = setTimeout(function () {
        if (!client._requests[req.id]) return;
        delete client._requests[req.id];
        reject(new Error('Timeout: could not perform ' + req.method));
      }, client._timeout);

      client._requests[req.id] = function (err, result) {
        clearTimeout(timeout);
        if (err) return reject(new Error(err));
        resolve(result);
      };

      client._hub.postMessage(JSON.stringify(req), client._origin);
    });
  };

  root.CrossStorageClient = CrossStorageClient;
})(this);
