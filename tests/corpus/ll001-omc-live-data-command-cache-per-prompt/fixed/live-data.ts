import { execSync } from 'node:child_process'

interface Cached {
  output: string
  storedAt: number
  ttl: number
}

const MAX_CACHED = 200
const MAX_ONCE = 500

const outputCache = new Map<string, Cached>()
const ranOnce = new Set<string>()

function readCached(command: string): Cached | null {
  const hit = outputCache.get(command)
  if (!hit) return null
  if (Date.now() - hit.storedAt > hit.ttl * 1000) {
    outputCache.delete(command)
    return null
  }
  return hit
}

function storeCached(command: string, entry: Cached): void {
  if (outputCache.size >= MAX_CACHED) {
    const oldest = outputCache.keys().next().value
    if (oldest !== undefined) outputCache.delete(oldest)
  }
  outputCache.set(command, entry)
}

function markRan(command: string): void {
  if (ranOnce.size >= MAX_ONCE) {
    const oldest = ranOnce.values().next().value
    if (oldest !== undefined) ranOnce.delete(oldest)
  }
  ranOnce.add(command)
}

function run(command: string): string {
  try {
    return execSync(command, { timeout: 10_000, encoding: 'utf8' })
  } catch (e) {
    return String(e)
  }
}

export function resetLiveData(): void {
  outputCache.clear()
  ranOnce.clear()
}

export function expandLiveData(content: string): string {
  const out: string[] = []
  for (const line of content.split('\n')) {
    const cacheLine = line.match(/^!cache\s+(\d+)s?\s+(.+)$/)
    const onceLine = line.match(/^!once\s+(.+)$/)
    if (cacheLine) {
      const ttl = Number(cacheLine[1])
      const command = cacheLine[2]
      const hit = readCached(command)
      if (hit) {
        out.push(hit.output)
      } else {
        const output = run(command)
        storeCached(command, { output, storedAt: Date.now(), ttl })
        out.push(output)
      }
    } else if (onceLine) {
      const command = onceLine[1]
      if (ranOnce.has(command)) {
        out.push(`skipped ${command}`)
      } else {
        markRan(command)
        out.push(run(command))
      }
    } else {
      out.push(line)
    }
  }
  return out.join('\n')
}
