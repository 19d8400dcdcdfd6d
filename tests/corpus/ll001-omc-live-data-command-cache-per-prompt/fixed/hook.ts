import { runSlashCommand, parseSlashCommand } from './executor.js'

const TAG = '<slash-command>'

export function createSlashCommandHook() {
  return {
    name: 'slash-command',
    processMessage(input: { sessionId: string }, parts: Array<{ text?: string }>) {
      const prompt = parts.map((p) => p.text ?? '').join('')
      if (prompt.includes(TAG)) return { detected: false }
      const parsed = parseSlashCommand(prompt)
      if (!parsed) return { detected: false }
      const outcome = runSlashCommand(parsed)
      return { detected: true, injected: `${TAG}\n${outcome.text}` }
    },
  }
}
