import { execSync } from 'node:child_process'

interface Cached {
  output: string
  storedAt: number
  ttl: number
}

// expect: LL001
const outputCache = new Map<string, Cached>()
// expect: LL001
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
        outputCache.set(command, { output, storedAt: Date.now(), ttl })
        out.push(output)
      }
    } else if (onceLine) {
      const command = onceLine[1]
      if (ranOnce.has(command)) {
        out.push(`skipped ${command}`)
      } else {
        ranOnce.add(command)
        out.push(run(command))
      }
    } else {
      out.push(line)
    }
  }
  return out.join('\n')
}
