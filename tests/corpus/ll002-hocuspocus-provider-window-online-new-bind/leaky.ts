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

  async connect() {
    if (this.online) return
    this.online = true
    this.emit('connect')
  }

  attachWindowListeners() {
    if (typeof window === 'undefined') return
    // expect: LL002
    window.addEventListener('online', this.connect.bind(this))
    // expect: LL002
    window.addEventListener('beforeunload', () => {
      removeAwarenessStates(this.awareness, [this.doc.clientID], 'window unload')
    })
  }

  destroy() {
    this.emit('destroy')
    this.removeAllListeners()
    if (typeof window === 'undefined') return
    window.removeEventListener('online', this.connect.bind(this))
  }
}
