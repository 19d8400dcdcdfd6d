import type { WebSocket } from 'ws'

export class StreamManager {
  private clients = new Map<string, Set<WebSocket>>()

  addClient(streamId: string, ws: WebSocket): void {
    let clients = this.clients.get(streamId)
    if (!clients) {
      clients = new Set()
      this.clients.set(streamId, clients)
    }
    clients.add(ws)
  }

  removeClient(streamId: string, ws: WebSocket): void {
    const clients = this.clients.get(streamId)
    if (!clients) return
    clients.delete(ws)
    if (clients.size === 0) this.clients.delete(streamId)
  }
}

export const streamManager = new StreamManager()
