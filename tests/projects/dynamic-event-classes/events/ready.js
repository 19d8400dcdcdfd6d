// Handles the client's one 'ready' event: rotates the presence text.
export default class ReadyEvent {
  constructor(client) {
    this.client = client;
  }

  run() {
    let i = 0;
    setInterval(() => {
      this.client.setPresence(`serving ${this.client.guildCount} servers (${i++})`);
    }, 20000);
  }
}
