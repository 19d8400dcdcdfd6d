import Extension from "./extension";
import Health from "./health";

// Owns the extensions and starts each once: a copy of the Set, so one added while looping waits.
export class Controller {
  private extensions: Set<Extension>;

  constructor() {
    this.extensions = new Set();
    this.extensions.add(new Health());
  }

  async start(): Promise<void> {
    for (const extension of new Set(this.extensions)) {
      await this.startExtension(extension);
    }
  }

  private async startExtension(extension: Extension): Promise<void> {
    await extension.start();
  }
}
