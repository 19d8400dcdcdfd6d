'use strict';

function RateLimitedRequest(id, data) {
  this.id = id;
  this.remaining = data.remaining;
  this.conformant = data.conformant;
  this.responseHeaders = { 'X-RateLimit-Limit': data.limit, 'X-RateLimit-Remaining': data.remaining };
}

RateLimitedRequest.prototype.hasMoreRemainingThan = function(otherRlResponse) {
  return this.remaining > otherRlResponse.remaining;
};

RateLimitedRequest.prototype.isConformant = function() {
  return this.conformant;
};

RateLimitedRequest.prototype.getResponseHeaders = function() {
  return this.responseHeaders;
};

module.exports = RateLimitedRequest;
