// One latency gauge per monitor, created the first time a monitor is asked for.
class LatencyGauge {
    static byMonitor = {};

    static async forMonitor(monitorId) {
        if (!LatencyGauge.byMonitor[monitorId]) {
            LatencyGauge.byMonitor[monitorId] = new LatencyGauge(monitorId);
        }
        return LatencyGauge.byMonitor[monitorId];
    }

    // called when a monitor is deleted
    static async forget(monitorId) {
        delete LatencyGauge.byMonitor[monitorId];
    }

    static async forgetAll() {
        LatencyGauge.byMonitor = {};
    }

    constructor(monitorId) {
        this.monitorId = monitorId;
        this.samples = [];
    }

    average() {
        return this.samples.length ? this.samples.reduce((a, b) => a + b, 0) / this.samples.length : 0;
    }
}

module.exports = { LatencyGauge };
