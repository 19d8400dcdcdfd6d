import { Poller } from "./poller";

export class FeedPoller extends Poller {
  describe(): string {
    return "feed";
  }
}
