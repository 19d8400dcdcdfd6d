import express from "express";
import { FeedPoller } from "./feed";

const poller = new FeedPoller();
const app = express();

// every request restarts the poller: each inherited start() stores one more interval over the last
app.post("/feeds/refresh", (req, res) => {
  poller.start();
  res.sendStatus(204);
});
app.listen(3000);
