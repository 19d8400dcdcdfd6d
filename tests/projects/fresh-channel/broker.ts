// A static channel that is replaced by a new one whenever the cached one has closed.
export class Broker {
  static connection: any = null;
  static channel: any = null;

  static async getChannel() {
    if (this.channel && !this.channel.closed) return this.channel;
    try {
      this.channel = await this.connection.createChannel();
      this.channel.on("error", (err: Error) => console.error("channel error", err));
      this.channel.on("close", () => {
        this.channel = null;
      });
      return this.channel;
    } catch (e) {
      this.channel = null;
      throw e;
    }
  }
}
