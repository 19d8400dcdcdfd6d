'use strict'

// Reduced from pm2's agent (modules/pm2-io-agent/src/Utility.js): a TTL cache whose sweep timer the
// owner of the instance stops, and a meter whose timer nothing stops. The twin (`this._cacheFS = given ||
// new Utility.Cache(…)`) is made from this in tests/test_rc10_facts.py.
class Cache {
  constructor (opts) {
    this._cache = {}
    this._ttl = {}
    this._miss = opts.miss
    if (opts.ttl) {
      this._worker = setInterval(this.worker.bind(this), 1000)
    }
  }

  worker () {
    for (const key of Object.keys(this._ttl)) {
      if (Date.now() > this._ttl[key]) {
        delete this._cache[key]
        delete this._ttl[key]
      }
    }
  }

  get (key) {
    return this._cache[key] || this._miss(key)
  }
}

class Meter {
  constructor () {
    this._count = 0
    this._interval = setInterval(() => { this._count = 0 }, 5000)
  }

  mark () {
    this._count++
  }
}

module.exports = { Cache: Cache, Meter: Meter }
