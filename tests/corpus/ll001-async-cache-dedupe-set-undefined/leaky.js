'use strict'

const stringify = require('safe-stable-stringify')

class Query {}

class Wrapper {
  constructor (func, name, serialize, storage, ttl, onError) {
    // expect: LL001
    this.dedupes = new Map()
    this.func = func
    this.name = name
    this.serialize = serialize
    this.storage = storage
    this.ttl = ttl
    this.onError = onError
  }

  getKey (args) {
    const id = this.serialize ? this.serialize(args) : args
    return typeof id === 'string' ? id : stringify(id)
  }

  add (args) {
    const key = this.getKey(args)
    let query = this.dedupes.get(key)
    if (!query) {
      query = new Query()
      this.buildPromise(query, args, key)
      this.dedupes.set(key, query)
    }
    return query.promise
  }

  buildPromise (query, args, key) {
    query.promise = this.func(args, key)
    query.promise
      .then(result => {
        // "clear the dedupe once done": the key itself is kept
        this.dedupes.set(key, undefined)
        return result
      })
      .catch(err => {
        this.onError(err)
        this.dedupes.set(key, undefined)
      })
  }

  async clear (value) {
    if (value) {
      this.dedupes.set(this.getKey(value), undefined)
      return
    }
    this.dedupes.clear()
  }
}

module.exports = { Wrapper }
