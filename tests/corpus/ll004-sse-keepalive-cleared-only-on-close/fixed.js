function sse(req, res, next) {
  req.socket.setKeepAlive(true);
  req.socket.setTimeout(0);

  res.setHeader('Content-Type', 'text/event-stream');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Connection', 'keep-alive');
  res.status(200);

  res.sse = function sse(string) {
    res.write(string);
    if (res.flush && string.match(/\n\n$/)) {
      res.flush();
    }
  };

  res.write(':' + Array(2049).join(' ') + '\n');
  res.sse('retry: 2000\n\n');

  var keepAlive = setInterval(function () {
    res.sse(':keep-alive\n\n');
  }, 20000);

  // The client closing and the server ending the response both stop the keep-alive.
  function stopKeepAlive() {
    clearInterval(keepAlive);
  }
  res.on('close', stopKeepAlive);
  res.on('finish', stopKeepAlive);

  next();
}

module.exports = sse;
