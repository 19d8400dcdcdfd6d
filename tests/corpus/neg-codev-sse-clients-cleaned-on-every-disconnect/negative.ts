import http from 'node:http';

type SseClient = { id: string; res: http.ServerResponse };

const sseClients: SseClient[] = [];

function removeClient(id: string) {
  const index = sseClients.findIndex((client) => client.id === id);
  if (index !== -1) sseClients.splice(index, 1);
}

export function handleSSEEvents(req: http.IncomingMessage, res: http.ServerResponse) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const id = Math.random().toString(36).slice(2);
  sseClients.push({ id, res });

  let cleaned = false;
  const cleanup = () => {
    if (cleaned) return;
    cleaned = true;
    removeClient(id);
  };
  req.on('close', cleanup);
  res.on('close', cleanup);
  res.on('error', cleanup);
}

export function broadcastNotification(payload: unknown) {
  const dead: string[] = [];
  for (const client of sseClients) {
    if (client.res.destroyed || client.res.writableEnded) {
      dead.push(client.id);
      continue;
    }
    client.res.write(`data: ${JSON.stringify(payload)}\n\n`);
  }
  dead.forEach(removeClient);
}

const heartbeat = setInterval(() => {
  for (const client of sseClients) client.res.write(':heartbeat\n\n');
}, 30_000);

export function shutdown(server: http.Server) {
  clearInterval(heartbeat);
  for (const client of sseClients) client.res.end();
  server.close();
}
