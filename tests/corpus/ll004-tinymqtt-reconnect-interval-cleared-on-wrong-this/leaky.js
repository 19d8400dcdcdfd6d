(function () {
  var _q;
  var TMQ = function (server, optns) {
    var opts = optns || {};
    this.svr = server;
    this.prt = opts.port || 1883;
    this.cn = false;
    this.ri = opts.reconnect_interval || 2000;
    _q = this;
  };

  TMQ.prototype.connect = function () {
    var onConnected = function () {
      clearInterval(this.con);
      this.con = null;
      _q.cn = true;
      _q.emit('connected');
    };
    if (!_q.cn) {
      // expect: LL004
      this.con = setInterval(function () {
        if (_q.cl) {
          _q.cl.end();
          delete _q.cl;
        }
        _q.cl = require('net').connect({ host: _q.svr, port: _q.prt }, onConnected);
      }, _q.ri);
    }
  };

  exports.create = function (server, options) {
    return new TMQ(server, options);
  };
})();
