'use strict';
const got = require('got');

// Keys are request ids, values the client request and the got stream.
const requestsUnderway = {};

function nodeAbort(request) {
  const streams = requestsUnderway[request.id];
  if (!streams) return;
  streams.clientRequest.abort();
  delete requestsUnderway[request.id];
}

function nodeSend(request) {
  const gotStream = got.stream(request.url(), { method: request.method });
  return new Promise(function (resolve, reject) {
    gotStream.on('request', function (req) {
      // expect: LL003
      requestsUnderway[request.id] = { clientRequest: req, gotStream: gotStream };
    });
    let body = '';
    gotStream.on('data', function (chunk) {
      body += chunk;
    });
    gotStream.on('end', function () {
      resolve(body);
    });
    gotStream.on('error', function (err) {
      reject(err);
    });
  });
}

module.exports = { nodeSend, nodeAbort };
