import { expandLiveData } from './live-data.js'
import { findCommand } from './registry.js'

export function parseSlashCommand(prompt: string) {
  const m = prompt.match(/^\/(\S+)\s*(.*)$/)
  return m ? { name: m[1], args: m[2] } : null
}

export function runSlashCommand(parsed: { name: string; args: string }) {
  const command = findCommand(parsed.name)
  if (!command) return { text: `unknown command ${parsed.name}` }
  const body = command.content.replaceAll('$ARGUMENTS', parsed.args)
  return { text: expandLiveData(body) }
}
