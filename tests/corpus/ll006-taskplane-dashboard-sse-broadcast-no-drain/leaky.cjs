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

function handleSSE(req, res) {
  res.writeHead(200, {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache",
    Connection: "keep-alive",
  });

  // Send initial state immediately
  res.write(`data: ${JSON.stringify(buildDashboardState())}\n\n`);

  sseClients.add(res);
  req.on("close", () => sseClients.delete(res));
}

function broadcastState() {
  if (sseClients.size === 0) return;
  const payload = `data: ${JSON.stringify(buildDashboardState())}\n\n`;
  for (const client of sseClients) {
    try {
      // expect: LL006
      client.write(payload);
    } catch {
      sseClients.delete(client);
    }
  }
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
