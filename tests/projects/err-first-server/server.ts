import * as http from 'http'
import { startApis } from './api'

// A node-style callback (err, server): it runs once, when the server is made.
function createServer(app: any, cb: (err: any, server?: any) => void) {
  cb(null, http.createServer(app))
}

export function boot(app: any) {
  createServer(app, async (err, server) => {
    if (err) return
    startApis(app)
    server.listen(3000)
  })
}
