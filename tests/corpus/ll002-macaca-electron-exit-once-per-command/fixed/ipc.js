'use strict';

const path = require('path');
const proc = require('child_process');
const electronPath = require('electron');

const runner = path.join(__dirname, 'runner.js');

function IPC(args) {
  this.proc = null;
  this.args = args;
}

IPC.prototype.initElectron = async function() {
  this.proc = proc.spawn(electronPath, [runner, JSON.stringify(this.args)], {
    stdio: [0, 1, 2, 'ipc']
  });
  this.proc.once('close', code => {
    console.log(`electron child process exited with: ${code}`);
  });
};

IPC.prototype.stopElectron = async function() {
  this.proc && this.proc.kill();
};

IPC.prototype.send = async function(data) {
  return new Promise((resolve, reject) => {
    try {
      this.proc.send(data);
    } catch (e) {
      reject(e);
    }
    const timer = setTimeout(() => {
      reject(new Error('Wait for message from the runner TIMEOUT.'));
    }, 60 * 1000);

    this.proc.once('message', data => {
      resolve(data);
      clearTimeout(timer);
    });
  });
};

module.exports = IPC;
