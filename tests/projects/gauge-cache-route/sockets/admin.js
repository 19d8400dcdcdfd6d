const { LatencyGauge } = require("../metrics/gauges");

module.exports = function attachAdmin(socket) {
    socket.on("deleteMonitor", async (monitorId, done) => {
        await LatencyGauge.forget(monitorId);
        done({ ok: true });
    });
};
