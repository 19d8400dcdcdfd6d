// One latency gauge per monitor, dropped once nobody has asked for it for ten minutes.
const IDLE_MS = 10 * 60 * 1000;

class LatencyGauge {
    static byMonitor = {};

    static async forMonitor(monitorId) {
        if (!LatencyGauge.byMonitor[monitorId]) {
            LatencyGauge.byMonitor[monitorId] = new LatencyGauge(monitorId);
        }
        const gauge = LatencyGauge.byMonitor[monitorId];
        gauge.lastUsed = Date.now();
        return gauge;
    }

    static async forget(monitorId) {
        delete LatencyGauge.byMonitor[monitorId];
    }

    constructor(monitorId) {
        this.monitorId = monitorId;
        this.samples = [];
        this.lastUsed = Date.now();
    }

    average() {
        return this.samples.length ? this.samples.reduce((a, b) => a + b, 0) / this.samples.length : 0;
    }
}

setInterval(() => {
    const cutoff = Date.now() - IDLE_MS;
    for (const monitorId of Object.keys(LatencyGauge.byMonitor)) {
        if (LatencyGauge.byMonitor[monitorId].lastUsed < cutoff) delete LatencyGauge.byMonitor[monitorId];
    }
}, 60 * 1000).unref();

module.exports = { LatencyGauge };
