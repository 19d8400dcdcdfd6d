const { CardKeeper } = require('./cards');

// One member of a cluster: it joins once, keeps a heartbeat, and its card keeper refreshes the card.
class MemberNode {
  constructor() {
    this.cards = new CardKeeper();
    this.beat = null;
  }

  async join() {
    await this.greet();
  }

  async greet() {
    await this.cards.publish();
    this.startBeat();
  }

  startBeat() {
    this.beat = setInterval(() => this.sendBeat(), 2000);
  }

  sendBeat() {}

  async leave() {
    clearInterval(this.beat);
    await this.cards.retire();
  }
}

module.exports = MemberNode;
