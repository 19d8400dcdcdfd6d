const express = require("express");
const { LatencyGauge } = require("../metrics/gauges");

const router = express.Router();

// public: anyone can ask for the badge of any number
router.get("/badge/:id/latency", async (req, res) => {
    const monitorId = Number(req.params.id);
    const gauge = await LatencyGauge.forMonitor(monitorId);
    res.type("text/plain").send(`${gauge.average()} ms`);
});

module.exports = router;
