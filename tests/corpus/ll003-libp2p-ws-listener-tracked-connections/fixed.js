'use strict'

const EventEmitter = require('events')
const { createServer } = require('it-ws')
const toConnection = require('./socket-to-conn')

module.exports = ({ handler, upgrader }, options = {}) => {
  const listener = new EventEmitter()

  // Keep track of open connections to destroy them when the listener closes
  const connections = new Set()

  const server = createServer(options, async (stream) => {
    let maConn, conn
    try {
      maConn = toConnection(stream)
      conn = await upgrader.upgradeInbound(maConn)
    } catch (err) {
      return maConn && maConn.close()
    }

    connections.add(maConn)
    stream.socket.on('close', () => {
      connections.delete(maConn)
    })

    if (handler) handler(conn)
    listener.emit('connection', conn)
  })

  listener.close = () => {
    connections.forEach(maConn => maConn.close())
    return server.close()
  }

  listener.listen = (ma) => server.listen(ma.toOptions())

  return listener
}
