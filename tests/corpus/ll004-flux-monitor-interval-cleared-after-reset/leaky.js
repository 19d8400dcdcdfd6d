const dockerService = require('./dockerService');
const globalState = require('../utils/globalState');

function startAppMonitoring(appName) {
  const { appsMonitored } = globalState;
  appsMonitored[appName] = {};
  appsMonitored[appName].statsStore = [];
  // Clear the previous interval for this app.
  clearInterval(appsMonitored[appName].oneMinuteInterval);
  appsMonitored[appName].run = 0;
  // expect: LL004
  appsMonitored[appName].oneMinuteInterval = setInterval(async () => {
    if (!appsMonitored[appName]) return;
    appsMonitored[appName].run += 1;
    const statsNow = await dockerService.dockerContainerStats(appName);
    const now = Date.now();
    appsMonitored[appName].statsStore.push({ timestamp: now, data: statsNow });
    appsMonitored[appName].statsStore = appsMonitored[appName].statsStore.filter(
      (stat) => now - stat.timestamp <= 60 * 60 * 1000,
    );
  }, 60 * 1000);
}

function stopAppMonitoring(appName) {
  const { appsMonitored } = globalState;
  if (appsMonitored[appName]) {
    clearInterval(appsMonitored[appName].oneMinuteInterval);
    delete appsMonitored[appName];
  }
}

module.exports = { startAppMonitoring, stopAppMonitoring };
