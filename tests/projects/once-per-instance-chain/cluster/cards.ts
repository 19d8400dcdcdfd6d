// Keeps this member's card fresh in the shared store until the worker takes over.
export class CardKeeper {
  private refresher: any = null;

  async publish(): Promise<void> {
    this.keepFresh();
  }

  private keepFresh(): void {
    this.refresher = setInterval(() => this.save(), 5000);
  }

  private save(): void {}

  async retire(): Promise<void> {
    clearInterval(this.refresher);
  }
}
