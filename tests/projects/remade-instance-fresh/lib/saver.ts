export class Saver {
  private timer?: NodeJS.Timeout;

  start(): void {
    this.timer = setInterval(() => this.save(), 60_000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private save(): void {}
}
