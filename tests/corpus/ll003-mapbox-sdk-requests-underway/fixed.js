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
      requestsUnderway[request.id] = { clientRequest: req, gotStream: gotStream };
    });
    let body = '';
    gotStream.on('data', function (chunk) {
      body += chunk;
    });
    gotStream.on('end', function () {
      delete requestsUnderway[request.id];
      resolve(body);
    });
    gotStream.on('error', function (err) {
      delete requestsUnderway[request.id];
      reject(err);
    });
  });
}

module.exports = { nodeSend, nodeAbort };
