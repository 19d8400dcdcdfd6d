const EventStream = require('./sse');
const Stream = require('stream');

const DEFAULTS = { maxClients: 10000, pingInterval: 60000 };

module.exports = function eventStreamMiddleware(options = {}) {
    const opts = Object.assign({}, DEFAULTS, options);
    const pool = [];

    setInterval(() => {
        pool.forEach(stream => stream.send(':'));
    }, opts.pingInterval);

    return async function attachEventStream(ctx, next) {
        if (ctx.res.headersSent) return next();
        if (pool.length >= opts.maxClients) return next();

        const stream = new EventStream(ctx);
        // expect: LL003
        pool.push(stream);
        stream.on('finish', function () {
            pool.splice(pool.indexOf(stream), 1);
        });
        ctx.sse = stream;
        await next();
        if (!ctx.body) {
            ctx.body = stream;
        } else if (ctx.body instanceof Stream) {
            ctx.body = ctx.body.pipe(stream);
        } else {
            stream.send(ctx.body);
            ctx.body = stream;
        }
    };
};
