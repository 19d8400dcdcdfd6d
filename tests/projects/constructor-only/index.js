const HealthPoller = require("./poller");

const poller = new HealthPoller("http://localhost/health");

module.exports = { poller };
