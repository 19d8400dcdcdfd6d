'use strict';

const DriverBase = require('driver-base');
const IPC = require('./ipc');
const controllers = require('./controllers');

class Electron extends DriverBase {
  constructor() {
    super();
    this.ipc = null;
    this.args = null;
  }

  async startDevice(caps) {
    this.args = Object.assign({}, caps);
    this.ipc = this.ipc || new IPC(this.args);
    await this.ipc.initElectron();
  }

  async stopDevice() {
    await this.ipc.stopElectron();
    this.ipc = null;
  }

  async send(data) {
    return await this.ipc.send(data);
  }
}

Object.assign(Electron.prototype, controllers);

module.exports = Electron;
