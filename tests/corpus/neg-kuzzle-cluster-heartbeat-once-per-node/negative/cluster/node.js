const { IdCardKeeper } = require('./idCard');

class ClusterNode {
  constructor() {
    this.idCards = new IdCardKeeper();
    this.heartbeatTimer = null;
  }

  async init() {
    await this.handshake();
  }

  async handshake() {
    await this.idCards.createIdCard();
    this.startHeartbeat();
  }

  startHeartbeat() {
    this.heartbeatTimer = setInterval(() => this.sendHeartbeat(), 1000);
  }

  sendHeartbeat() {}

  async shutdown() {
    clearInterval(this.heartbeatTimer);
    await this.idCards.dispose();
  }
}

module.exports = ClusterNode;
