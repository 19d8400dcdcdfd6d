const tools = require('./tools.js');
const MqttJsonClient = require('./mqttJsonClient.js');

class VacuumBot {
  constructor(user, hostname, resource, secret, vacuum, continent, country = 'DE') {
    this.vacuum = vacuum;
    this.isReady = false;
    this.cleanStatus = null;
    this.client = new MqttJsonClient(this, user, hostname, resource, secret, continent, country, vacuum);
    this.client.on('ready', () => {
      tools.envLog('[VacuumBot] ready');
      this.isReady = true;
    });
  }

  deviceAddress() {
    return this.vacuum.did + '@' + this.vacuum.class + '.ecorobot.net/atom';
  }

  connectAndWaitUntilReady() {
    this.client.connectAndWaitUntilReady();
    // expect: LL004
    this.pingTimer = setInterval(() => {
      this.client.sendPing(this.deviceAddress());
    }, 30000);
  }

  on(name, listener) {
    this.client.on(name, listener);
  }

  run(command, ...args) {
    this.client.sendCommand(command, args, this.deviceAddress());
  }

  disconnect() {
    this.client.disconnect();
    this.isReady = false;
  }
}

module.exports = VacuumBot;
