const http = require("http");
const fs = require("fs");
const path = require("path");

const POLL_INTERVAL = 2000;
let BATCH_STATE_PATH = "";

function buildDashboardState() {
  try {
    return JSON.parse(fs.readFileSync(BATCH_STATE_PATH, "utf-8"));
  } catch {
    return { batch: null };
  }
}

// ─── Dashboard SSE ──────────────────────────────────────────────────────

const sseClients = new Set();
const SSE_MAX_BUFFERED_BYTES = 2 * 1024 * 1024;
const SSE_MAX_STALLED_TICKS = 15;
const SSE_PING_MS = 15000;
const stalledTicks = new Map();

function removeClient(res) {
  sseClients.delete(res);
  stalledTicks.delete(res);
  clearInterval(res.pingTimer);
}

function handleSSE(req, res) {
  res.writeHead(200, {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache",
    Connection: "keep-alive",
  });
  // a dead peer surfaces as an error/close instead of waiting forever
  req.socket.setTimeout(90000);

  res.write(`data: ${JSON.stringify(buildDashboardState())}\n\n`);

  sseClients.add(res);
  res.pingTimer = setInterval(() => {
    if (!res.writableNeedDrain) res.write(": ping\n\n");
  }, SSE_PING_MS);
  const onGone = () => removeClient(res);
  req.on("close", onGone);
  req.on("error", onGone);
  res.on("close", onGone);
  res.on("error", onGone);
}

// A client whose response is still full from earlier ticks is skipped, and
// dropped once it has stayed full for too long.
function writeToSseClients(clients, payload) {
  for (const client of clients) {
    if (client.writableNeedDrain || client.writableLength > SSE_MAX_BUFFERED_BYTES) {
      const ticks = (stalledTicks.get(client) || 0) + 1;
      stalledTicks.set(client, ticks);
      if (ticks >= SSE_MAX_STALLED_TICKS) {
        client.destroy();
        removeClient(client);
      }
      continue;
    }
    stalledTicks.delete(client);
    try {
      client.write(payload);
    } catch {
      removeClient(client);
    }
  }
}

function broadcastState() {
  if (sseClients.size === 0) return;
  writeToSseClients(sseClients, `data: ${JSON.stringify(buildDashboardState())}\n\n`);
}

function createServer() {
  return http.createServer((req, res) => {
    if (req.url === "/api/stream") return handleSSE(req, res);
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("Not Found");
  });
}

function main() {
  BATCH_STATE_PATH = path.join(process.cwd(), ".pi", "batch-state.json");
  const server = createServer();
  server.listen(8100);

  // Broadcast state to all SSE clients on interval
  const pollTimer = setInterval(broadcastState, POLL_INTERVAL);

  function cleanup() {
    clearInterval(pollTimer);
    for (const client of sseClients) {
      try { client.end(); } catch {}
    }
    server.close();
    process.exit(0);
  }

  process.on("SIGINT", cleanup);
  process.on("SIGTERM", cleanup);
}

main();
