const { Transform } = require('stream');

class EventStream extends Transform {
    constructor(ctx) {
        super({ writableObjectMode: true });
        this.ctx = ctx;
        this.ended = false;
        ctx.req.socket.setTimeout(0);
        ctx.req.socket.setKeepAlive(true);
        ctx.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
        this.send(':ok');
    }

    send(data, encoding, callback) {
        if (this.ended) return false;
        return Transform.prototype.write.call(this, data, encoding, callback);
    }

    end(data, encoding, callback) {
        this.ended = true;
        Transform.prototype.end.call(this, data || { event: 'close' }, encoding, callback);
    }

    _transform(message, encoding, callback) {
        const body = typeof message === 'string' ? { data: message } : message;
        const lines = [];
        if (body.event) lines.push('event: ' + body.event);
        lines.push('data: ' + (typeof body.data === 'object' ? JSON.stringify(body.data) : body.data || ''));
        callback(null, lines.join('\n') + '\n\n');
    }
}

module.exports = EventStream;
