var http = require('http');

Needle.prototype.send_request = function(count, method, uri, config, post_data, out, callback) {
  var returned = 0;
  var request_opts = this.get_request_opts(method, uri, config);

  function done(err, resp, body) {
    if (returned++ > 0) return;
    request.removeListener('error', had_error);
    // not the function that was added: that one is a bound copy
    request.socket.removeListener('end', on_socket_end);
    if (callback) return callback(err, resp, body);
    out.emit('end', err, resp, body);
  }

  function had_error(err) {
    done(err || new Error('Unknown error when making request.'));
  }

  function on_socket_end() {
    if (!this.writable && this.destroyed === false) {
      this.destroy();
      had_error(new Error('Remote end closed socket abruptly.'));
    }
  }

  var request = http.request(request_opts, function(resp) {
    collect(resp, function(body) { done(null, resp, body); });
  });

  request.on('error', had_error);

  // a keep-alive agent hands the same socket to request after request
  request.once('socket', function(socket) {
    // expect: LL002
    socket.once('end', on_socket_end.bind(socket));
  });

  request.end(post_data);
  out.request = request;
  return out;
};
