const docs = new Map()
const pingTimeout = 30000

const closeConn = (doc, conn) => {
  if (doc.conns.has(conn)) {
    doc.conns.delete(conn)
  }
  conn.close()
}

exports.setupWSConnection = (conn, req, { docName = req.url.slice(1) } = {}) => {
  const doc = docs.get(docName) || createDoc(docName)
  doc.conns.set(conn, new Set())
  conn.on('message', message => messageListener(conn, doc, new Uint8Array(message)))
  // Check if the connection is still alive
  let pongReceived = true
  const pingInterval = setInterval(() => {
    if (!pongReceived) {
      if (doc.conns.has(conn)) {
        closeConn(doc, conn)
      }
      clearInterval(pingInterval)
    } else if (doc.conns.has(conn)) {
      pongReceived = false
      try {
        conn.ping()
      } catch (e) {
        closeConn(doc, conn)
        clearInterval(pingInterval)
      }
    }
  }, pingTimeout)
  conn.on('close', () => {
    closeConn(doc, conn)
    clearInterval(pingInterval)
  })
  conn.on('pong', () => {
    pongReceived = true
  })
}
