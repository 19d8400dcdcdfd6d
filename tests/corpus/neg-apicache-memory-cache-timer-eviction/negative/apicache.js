var MemoryCache = require('./memory-cache')

function ApiCache() {
  var memCache = new MemoryCache()
  var globalOptions = { defaultDuration: 3600000, statusCodes: { include: [200] } }

  function cacheResponse(key, value, duration) {
    memCache.add(key, value, duration)
  }

  this.middleware = function cache(duration) {
    duration = duration || globalOptions.defaultDuration

    return function cache(req, res, next) {
      var key = req.originalUrl || req.url
      var cached = memCache.get(key)
      if (cached) {
        res.set(cached.value.headers)
        return res.status(cached.value.status).send(cached.value.data)
      }

      var send = res.send
      res.send = function(body) {
        if (globalOptions.statusCodes.include.indexOf(res.statusCode) !== -1) {
          cacheResponse(key, { status: res.statusCode, headers: res.getHeaders(), data: body }, duration)
        }
        return send.apply(res, arguments)
      }
      next()
    }
  }

  this.clear = function() {
    memCache.clear()
  }
}

module.exports = new ApiCache()
