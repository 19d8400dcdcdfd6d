export class Poller {
  private timer?: NodeJS.Timeout;

  start(): void {
    this.timer = setInterval(() => this.poll(), 5000);
  }

  poll(): void {}
}
