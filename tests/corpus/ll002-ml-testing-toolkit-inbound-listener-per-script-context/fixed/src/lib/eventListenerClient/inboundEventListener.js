const MyEventEmitter = require('../MyEventEmitter')
const EventEmitter = require('events')
class MyEmitter extends EventEmitter {}

class InboundEventListener {
  constructor (consoleFn) {
    this.eventListeners = {}
    this.consoleFn = consoleFn || console
    this.emitter = MyEventEmitter.getEmitter('inboundRequest')
  }

  async init () {
    if (this.emitter.listenerCount('newInbound') > 0) {
      this.emitter.removeAllListeners('newInbound')
    }
    this.emitter.on('newInbound', (data) => {
      for (const [, eventListener] of Object.entries(this.eventListeners)) {
        if (eventListener.method === data.method && eventListener.path === data.path) {
          eventListener.eventEmitter.emit('newMessage', data)
        }
      }
    })
  }

  addListener (clientName, method, path) {
    if (!this.eventListeners[clientName]) {
      this.eventListeners[clientName] = { method, path, message: null }
      this.eventListeners[clientName].eventEmitter = new MyEmitter()
      this.eventListeners[clientName].eventEmitter.once('newMessage', (message) => {
        this.eventListeners[clientName].message = message
      })
    }
  }

  destroy (clientName) {
    delete this.eventListeners[clientName]
  }
}

module.exports = {
  InboundEventListener
}
