import { FeedPoller } from "./feed";

// the process's one poller, started once
const poller = new FeedPoller();
poller.start();
