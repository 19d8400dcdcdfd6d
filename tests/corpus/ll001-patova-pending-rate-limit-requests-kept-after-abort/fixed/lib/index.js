'use strict';

const Boom = require('boom');
const RateLimitedRequest = require('./rate_limited_request');
const RateLimitedRequestMap = require('./rate_limited_request_map');

const pendingRequests = new RateLimitedRequestMap();

function setupPreResponseExt(server) {
  server.ext('onPreResponse', (request, reply) => {
    const rlRequest = pendingRequests.getAndRemove(request.id);

    if (rlRequest && rlRequest.isConformant() && request.response && !request.response.isBoom) {
      const headers = rlRequest.getResponseHeaders();
      Object.keys(headers).forEach(key => request.response.header(key, headers[key]));
    }
    reply.continue();
  });
}

function setupRateLimitEventExt(server, options) {
  const extractKey = options.extractKey;

  server.ext(options.event, (request, reply) => {
    if (request.raw && request.raw.req) {
      request.raw.req.once('aborted', () => {
        pendingRequests.getAndRemove(request.id);
      });
    }

    // If current response is already not conformant we can stop
    const currentRlRequest = pendingRequests.get(request.id);
    if (currentRlRequest && !currentRlRequest.isConformant()) { return; }

    extractKey(request, reply, (err, key) => {
      if (err) { return reply(err); }

      options.limitd.take(options.type, key, (err, resp) => {
        if (err) { return reply.continue(); }

        const rlRequest = new RateLimitedRequest(request.id, resp);
        pendingRequests.keepWorse(rlRequest);

        if (rlRequest.isConformant()) {
          return reply.continue();
        }

        const error = Boom.tooManyRequests();
        error.output.headers = rlRequest.getResponseHeaders();
        reply(error);
      });
    });
  });
}

function setupClientDisconnectCleanup(server) {
  server.on('response', function(request) {
    if (request.response === null) {
      pendingRequests.getAndRemove(request.id);
    }
  });
}

exports.register = function (server, options, next) {
  setupRateLimitEventExt(server, options);
  setupPreResponseExt(server);
  setupClientDisconnectCleanup(server);
  next();
};

exports.register.attributes = { name: 'patova' };
