const { Saver } = require("./lib/saver");

let saver = new Saver();

// a watchdog restarts the service: every run makes its own saver and starts that one once
async function start() {
  saver = new Saver();
  saver.start();
}

async function restart() {
  saver.stop();
  await start();
}

process.on("SIGHUP", restart);
start();
