'use strict'
var LRU = require('lru-cache')

// expect: LL001
var waiting = {}
// expect: LL001
var redirects = {}
var store = new LRU({ max: 64 * 1000000, length: function (n) { return n.body ? n.body.length : 1 } })

module.exports.cacheSeconds = function (seconds, keyOption) {
  var ttl = seconds * 1000
  return function (req, res, next) {
    var key = typeof keyOption === 'function' ? keyOption(req, res) : req.originalUrl

    if (redirects[key]) {
      return res.redirect(redirects[key].status, redirects[key].url)
    }
    var hit = store.get(key)
    if (hit) {
      return hit.isJson ? res.json(hit.body) : res.send(hit.body)
    }

    res.realSend = res.send
    res.realJson = res.json
    res.realRedirect = res.redirect

    if (!waiting[key]) {
      waiting[key] = []
    }

    function finish (body, isJson) {
      if (res.statusCode < 400) store.set(key, { body: body, isJson: isJson }, ttl)
      while (waiting[key].length > 0) {
        process.nextTick(waiting[key].shift())
      }
      return isJson ? res.realJson(body) : res.realSend(body)
    }

    if (waiting[key].length === 0) {
      waiting[key].push(function first () {})
      res.send = function (body) { finish(body, false) }
      res.json = function (body) { finish(body, true) }
      res.redirect = function (status, url) {
        redirects[key] = { url: url, status: status }
        return res.realRedirect(status, url)
      }
      next()
    } else {
      waiting[key].push(function () {
        var cached = store.get(key) || {}
        return cached.isJson ? res.json(cached.body) : res.send(cached.body)
      })
    }
  }
}

module.exports.removeCache = function (url) {
  if (redirects[url]) delete redirects[url]
  store.del(url)
}
