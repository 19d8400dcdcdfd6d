function PoolPinger(poolEndpoint) {
  this.pool_endpoint = poolEndpoint;
  this.running = false;
  this.attempts = 0;
  this.ping_timeout = poolEndpoint.ping_timeout;
  this.out_req = null;
  this.req_timer = null;
}

PoolPinger.prototype.ping = function () {
  if (this.req_timer) clearTimeout(this.req_timer);
  if (this.attempts > 0) {
    setTimeout(this.make_request.bind(this), this.backoff());
  } else {
    this.make_request();
  }
};

PoolPinger.prototype.make_request = function () {
  var self = this;
  this.req_timer = setTimeout(function () {
    self.on_timeout();
  }, this.ping_timeout);

  this.out_req = this.pool_endpoint.http.get({
    host: this.pool_endpoint.ip,
    port: this.pool_endpoint.port,
    agent: false,
    path: this.pool_endpoint.ping_path,
  });
  this.out_req.on('response', function (res) {
    self.out_req = null;
    self.on_response(res);
  });
  this.out_req.on('error', function () {
    self.out_req = null;
    self.attempts++;
    self.ping();
  });
};

PoolPinger.prototype.on_response = function (res) {
  if (res.statusCode === 200) {
    clearTimeout(this.req_timer);
    this.pool_endpoint.set_healthy(true);
    this.running = false;
  } else {
    this.attempts++;
    this.ping();
  }
};

PoolPinger.prototype.on_timeout = function () {
  this.req_timer = null;
  this.out_req.abort();
  this.out_req = null;
};

PoolPinger.prototype.backoff = function () {
  return Math.min(Math.floor(Math.random() * Math.pow(2, this.attempts) + 10), 20000);
};

module.exports = PoolPinger;
