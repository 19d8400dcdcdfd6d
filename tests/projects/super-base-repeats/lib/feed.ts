import { Poller } from "./poller";

export class FeedPoller extends Poller {
  start(): void {
    console.log("feed poller starting");
    super.start();
  }
}
