export class IdCardKeeper {
  private refreshTimer: any = null;

  async createIdCard(): Promise<void> {
    await this.save();
    this.startTemporaryRefresh();
  }

  private startTemporaryRefresh(): void {
    this.refreshTimer = setInterval(() => this.save(), 2000);
  }

  private async save(): Promise<void> {}

  async dispose(): Promise<void> {
    clearInterval(this.refreshTimer);
  }
}
