(function () {
  'use strict';

  const os = require('os');
  const onHeaders = require('on-headers');
  const pidusage = require('pidusage');
  let io;

  const defaultConfig = {
    path: '/status',
    spans: [{ interval: 1, retention: 60 }, { interval: 5, retention: 60 }]
  };

  const gatherOsMetrics = (io, span) => {
    pidusage.stat(process.pid, (err, stat) => {
      stat.load = os.loadavg();
      stat.timestamp = Date.now();

      span.os.push(stat);
      if (!span.responses[0] || span.responses[span.responses.length - 1].timestamp + (span.interval * 1000) < Date.now()) {
        span.responses.push({ '2': 0, '3': 0, '4': 0, '5': 0, count: 0, mean: 0, timestamp: Date.now() });
      }

      // both series are kept to `retention` points
      if (span.os.length >= span.retention) span.os.shift();
      if (span.responses[0] && span.responses.length > span.retention) span.responses.shift();

      io.emit('stats', { os: span.os[span.os.length - 2], interval: span.interval });
    });
  };

  const middlewareWrapper = (config) => {
    config = config || defaultConfig;

    return (req, res, next) => {
      // the first request starts socket.io and the sampling timers; io is set here, so never again
      if (io === null || io === undefined) {
        io = require('socket.io')(req.socket.server);

        io.on('connection', (socket) => {
          socket.emit('start', config.spans);
          socket.on('change', function() { socket.emit('start', config.spans); });
        });

        config.spans.forEach((span) => {
          span.os = [];
          span.responses = [];
          setInterval(() => gatherOsMetrics(io, span), span.interval * 1000);
        });
      }

      const startTime = process.hrtime();
      onHeaders(res, () => {
        const diff = process.hrtime(startTime);
        const responseTime = diff[0] * 1e3 + diff[1] * 1e-6;
        config.spans.forEach((span) => {
          const last = span.responses[span.responses.length - 1];
          if (last !== undefined) {
            last.count++;
            last.mean = last.mean + ((responseTime - last.mean) / last.count);
          }
        });
      });
      next();
    };
  };

  module.exports = middlewareWrapper;
}());
