'use strict'

const Utility = require('./utility')

module.exports = class PushInteractor {
  constructor (transport) {
    this.transport = transport
    this._cacheFS = new Utility.Cache({ miss: (key) => key.length, ttl: 60 })
    this._meter = new Utility.Meter()
  }

  start () {
    if (this._worker_executor !== undefined) this.stop()
    this._worker_executor = setInterval(() => this.send(), 1000)
  }

  send () {
    this._meter.mark()
    this.transport.send(this._cacheFS.get('status'))
  }

  stop () {
    if (this._worker_executor !== undefined) {
      clearInterval(this._worker_executor)
      this._worker_executor = null
    }
    if (this._cacheFS._worker !== undefined) {
      clearInterval(this._cacheFS._worker)
      this._cacheFS._worker = null
    }
    // the meter's timer is kept in `_interval`: clearing a `_worker` of it stops nothing
    clearInterval(this._meter._worker)
  }
}
