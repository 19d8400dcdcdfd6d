const adminClients = new Set();

export function addSSEClient(res) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  adminClients.add(res);
  res.on('close', () => {
    adminClients.delete(res);
  });
  res.on('error', () => {
    adminClients.delete(res);
  });
}

export function broadcast(event, payload) {
  const message = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
  for (const res of adminClients) {
    res.write(message);
  }
}
