import fs from 'node:fs'
import { WebSocketServer, WebSocket } from 'ws'
import { findLatestRaw, readRawRecord, decodeSensorFrames } from './rawFormat'

const RAW_DATA_DIR = process.env.RAW_DATA_DIR ?? '/persistent'
const FILE_POLL_INTERVAL_MS = 10

interface FrameIndexEntry { ts: number, offset: number }

/** Sidecar index: timestamp -> byte offset in the current RAW file, used by seek. */
// expect: LL001
const frameIndex: FrameIndexEntry[] = []
let indexedFilePath: string | null = null

let wss: WebSocketServer | null = null
let streamingInterval: ReturnType<typeof setInterval> | null = null

export function startPiezoStreamServer(): WebSocketServer {
  if (wss) return wss
  wss = new WebSocketServer({ port: 3001 })

  let currentPath: string | null = null
  let readOffset = 0

  streamingInterval = setInterval(() => {
    if (!wss || wss.clients.size === 0) return
    const latest = findLatestRaw(RAW_DATA_DIR)
    if (!latest) return

    if (latest !== currentPath) {
      currentPath = latest
      readOffset = 0
      // the only reset: when the sensor starts a new RAW file
      frameIndex.length = 0
      indexedFilePath = latest
    }

    const stat = fs.statSync(currentPath)
    if (stat.size <= readOffset) return
    const fd = fs.openSync(currentPath, 'r')
    const bytes = Buffer.alloc(stat.size - readOffset)
    fs.readSync(fd, bytes, 0, bytes.length, readOffset)
    fs.closeSync(fd)

    let pos = 0
    while (pos < bytes.length) {
      const recordOffset = readOffset + pos
      const { data, nextOffset } = readRawRecord(bytes, pos)
      pos = nextOffset
      if (data === null) continue
      for (const frame of decodeSensorFrames(data)) {
        const ts = frame.ts as number | undefined
        if (ts !== undefined) {
          frameIndex.push({ ts, offset: recordOffset })
        }
        const payload = JSON.stringify(frame)
        for (const client of wss.clients) {
          if (client.readyState === WebSocket.OPEN && client.bufferedAmount < 1024 * 1024) client.send(payload)
        }
      }
    }
    readOffset = stat.size
  }, FILE_POLL_INTERVAL_MS)

  return wss
}

export function stopPiezoStreamServer(): void {
  if (streamingInterval) clearInterval(streamingInterval)
  streamingInterval = null
  wss?.close()
  wss = null
}
