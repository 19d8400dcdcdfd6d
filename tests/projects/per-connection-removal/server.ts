import { WebSocketServer } from 'ws'
import { streamManager } from './manager'

const wss = new WebSocketServer({ port: 8080 })
wss.on('connection', (ws, request) => {
  const streamId = new URL(request.url!, 'http://x').searchParams.get('stream')!
  streamManager.addClient(streamId, ws)
  ws.on('close', () => streamManager.removeClient(streamId, ws))
})
