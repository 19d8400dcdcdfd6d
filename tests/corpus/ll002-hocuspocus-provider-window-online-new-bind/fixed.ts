import { EventEmitter } from './EventEmitter'
import { Doc } from 'yjs'
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness'

export class CollabProvider extends EventEmitter {
  doc: Doc
  awareness: Awareness
  online = false

  constructor(options: { doc?: Doc }) {
    super()
    this.doc = options.doc ?? new Doc()
    this.awareness = new Awareness(this.doc)
    this.attachWindowListeners()
    this.connect()
  }

  onlineHandler = this.connect.bind(this)

  async connect() {
    if (this.online) return
    this.online = true
    this.emit('connect')
  }

  unloadHandler = this.dropOwnAwareness.bind(this)

  dropOwnAwareness() {
    removeAwarenessStates(this.awareness, [this.doc.clientID], 'window unload')
  }

  attachWindowListeners() {
    if (typeof window === 'undefined') return
    window.addEventListener('online', this.onlineHandler)
    window.addEventListener('beforeunload', this.unloadHandler)
  }

  destroy() {
    this.emit('destroy')
    this.removeAllListeners()
    if (typeof window === 'undefined') return
    window.removeEventListener('online', this.onlineHandler)
    window.removeEventListener('beforeunload', this.unloadHandler)
  }
}
