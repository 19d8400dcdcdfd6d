'use strict';

const { URL } = require('url');
const { promisify } = require('util');
const { pipeline } = require('stream');
const pipelineAsync = promisify(pipeline);

class HttpProxy {
  constructor(ctx) {
    this.ctx = ctx;
    this.app = ctx.app;
    this.config = this.app.config.httpProxy;
    this.logger = this.ctx.getLogger('httpProxyLogger');
  }

  async curl(host, options) {
    const { ctx } = this;
    options = Object.assign({ timeout: this.config.timeout, streaming: true, followRedirect: false }, options);

    const urlObj = new URL(ctx.href);
    const target = new URL(host);
    urlObj.host = target.host;
    urlObj.protocol = target.protocol;

    options.method = ctx.method;
    options.headers = Object.assign({}, ctx.header, { host: target.host });
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      options.stream = ctx.req;
    }

    const targetUrl = urlObj.toString();
    const { headers, status, data, res } = await ctx.curl(targetUrl, options);

    for (const key of Object.keys(headers)) {
      if (this.config.ignoreHeaders[key]) continue;
      ctx.set(key, headers[key]);
    }
    ctx.status = status;

    if (data) {
      const body = Buffer.isBuffer(data) || typeof data === 'string' ? data : JSON.stringify(data);
      ctx.respond = false;
      ctx.res.flushHeaders();
      ctx.res.end(body);
    } else {
      ctx.respond = false;
      ctx.res.flushHeaders();
      await pipelineAsync(res, ctx.res);
    }
  }
}

module.exports = HttpProxy;
