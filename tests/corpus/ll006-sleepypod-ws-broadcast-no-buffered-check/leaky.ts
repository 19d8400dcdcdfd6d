import fs from 'node:fs'
import { WebSocketServer, WebSocket } from 'ws'
import { findLatestRaw, readRawRecord, decodeSensorFrames, SensorType } from './rawFormat'

const FILE_POLL_INTERVAL_MS = 10

let wss: WebSocketServer | null = null
let streamingInterval: ReturnType<typeof setInterval> | null = null

const clientSubscriptions = new WeakMap<WebSocket, Set<SensorType> | undefined>()

export function startPiezoStreamServer(): WebSocketServer {
  if (wss) return wss
  wss = new WebSocketServer({ port: 3001 })

  let readOffset = 0

  wss.on('connection', (ws) => {
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString())
      if (msg.type === 'subscribe') clientSubscriptions.set(ws, new Set(msg.sensors))
    })
  })

  streamingInterval = setInterval(() => {
    if (!wss || wss.clients.size === 0) return
    const latest = findLatestRaw('/persistent')
    if (!latest) return
    const stat = fs.statSync(latest)
    if (stat.size <= readOffset) return
    const fd = fs.openSync(latest, 'r')
    const bytes = Buffer.alloc(stat.size - readOffset)
    fs.readSync(fd, bytes, 0, bytes.length, readOffset)
    fs.closeSync(fd)
    readOffset = stat.size

    let pos = 0
    while (pos < bytes.length) {
      const { data, nextOffset } = readRawRecord(bytes, pos)
      pos = nextOffset
      if (data === null) continue
      for (const frame of decodeSensorFrames(data)) {
        let payload: string | null = null
        for (const client of wss.clients) {
          if (client.readyState !== WebSocket.OPEN) continue
          const subs = clientSubscriptions.get(client)
          if (subs && !subs.has(frame.type as SensorType)) continue
          if (payload === null) payload = JSON.stringify(frame)
          try {
            // expect: LL006
            client.send(payload)
          }
          catch { /* client gone between readyState check and send */ }
        }
      }
    }
  }, FILE_POLL_INTERVAL_MS)

  return wss
}
