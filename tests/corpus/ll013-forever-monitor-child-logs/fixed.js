const { EventEmitter } = require('events');
const { spawn } = require('child_process');

const monitor = new EventEmitter();

monitor.on('start', (script, args) => {
  const child = spawn(process.execPath, [script, ...args]);
  child.stdout.pipe(process.stdout, { end: false });
  child.on('exit', () => {
    child.stdout.unpipe(process.stdout);
    monitor.emit('start', script, args);
  });
});

module.exports = monitor;
