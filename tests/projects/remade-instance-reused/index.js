const { Saver } = require("./lib/saver");

let saver = new Saver();

// the saver is only made when missing: a restart starts the same one again over its running timer
async function start() {
  if (!saver) saver = new Saver();
  saver.start();
}

process.on("SIGHUP", start);
start();
