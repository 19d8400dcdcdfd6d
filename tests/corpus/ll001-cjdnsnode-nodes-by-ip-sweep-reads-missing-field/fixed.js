'use strict';
const GLOBAL_TIMEOUT_MS = 1000 * 60 * 30;
const KEEP_TABLE_CLEAN_CYCLE = 1000 * 60;
const now = () => +new Date();

const mkNode = (ctx, obj) => {
    if (typeof obj.timestamp !== 'string') { throw new Error('bad timestamp'); }
    return Object.freeze({
        type: 'Node',
        key: obj.key,
        ipv6: obj.ipv6,
        mut: { timestamp: obj.timestamp, announcements: [] }
    });
};

const addNode = (ctx, node) => {
    ctx.nodesByIp[node.ipv6] = node;
    return node;
};

const handleAnnounce = (ctx, ann) => {
    let node = ctx.nodesByIp[ann.nodeIp];
    if (!node) {
        node = addNode(ctx, mkNode(ctx, { key: ann.nodeKey, ipv6: ann.nodeIp, timestamp: ann.timestamp }));
    }
    node.mut.timestamp = ann.timestamp;
    node.mut.announcements.unshift(ann);
};

const keepTableClean = (ctx) => {
    setInterval(() => {
        const minTime = now() - GLOBAL_TIMEOUT_MS;
        for (const nodeIp in ctx.nodesByIp) {
            const node = ctx.nodesByIp[nodeIp];
            if (minTime > Number('0x' + node.mut.timestamp)) {
                delete ctx.nodesByIp[nodeIp];
                node.mut.announcements.forEach((ann) => { ctx.peer.deleteAnn(ann.hash); });
            }
        }
    }, KEEP_TABLE_CLEAN_CYCLE);
};

const main = (peer, cjdnslink) => {
    const ctx = Object.freeze({
        nodesByIp: {},
        peer: peer
    });
    keepTableClean(ctx);
    cjdnslink.on('message', (msg) => { handleAnnounce(ctx, msg.contentBenc.ann); });
    peer.onAnnounce((from, msg) => { handleAnnounce(ctx, msg); });
};

module.exports = { main };
