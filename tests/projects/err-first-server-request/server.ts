import * as http from 'http'
import { startApis } from './api'

// http.createServer's own request listener: every request starts the APIs again.
export function boot(app: any) {
  const server = http.createServer((req, res) => {
    startApis(app)
    res.end()
  })
  server.listen(3000)
}
