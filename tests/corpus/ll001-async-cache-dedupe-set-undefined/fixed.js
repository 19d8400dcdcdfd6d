'use strict'

const stringify = require('safe-stable-stringify')

class Query {}

class Wrapper {
  constructor (func, name, serialize, storage, ttl, onError) {
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
        // the key goes with the query
        this.dedupes.delete(key)
        return result
      })
      .catch(err => {
        this.onError(err)
        this.dedupes.delete(key)
      })
  }

  async clear (value) {
    if (value) {
      this.dedupes.delete(this.getKey(value))
      return
    }
    this.dedupes.clear()
  }
}

module.exports = { Wrapper }
