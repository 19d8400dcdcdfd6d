'use strict'

const EventEmitter = require('events')
const { createServer } = require('it-ws')
const toConnection = require('./socket-to-conn')

module.exports = ({ handler, upgrader }, options = {}) => {
  const listener = new EventEmitter()

  const server = createServer(options, async (stream) => {
    let maConn, conn
    try {
      maConn = toConnection(stream)
      conn = await upgrader.upgradeInbound(maConn)
    } catch (err) {
      return maConn && maConn.close()
    }

    trackConn(server, maConn)

    if (handler) handler(conn)
    listener.emit('connection', conn)
  })

  // Keep track of open connections to destroy them when the listener closes
  server.__connections = []

  listener.close = () => {
    server.__connections.forEach(maConn => maConn.close())
    return server.close()
  }

  listener.listen = (ma) => server.listen(ma.toOptions())

  return listener
}

function trackConn (server, maConn) {
  // expect: LL003
  server.__connections.push(maConn)
}
