import type { IncomingMessage, ServerResponse } from 'node:http'
import { writeFromReadableStream } from './utils'

type FetchCallback = (request: Request) => Promise<Response> | Response

export const getRequestListener = (fetchCallback: FetchCallback) => {
  return async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const url = `http://${incoming.headers.host}${incoming.url}`
    let res: Response
    try {
      res = await fetchCallback(new Request(url, { method: incoming.method || 'GET' }))
    } catch {
      res = new Response(null, { status: 500 })
    }

    outgoing.writeHead(res.status, Object.fromEntries(res.headers))

    if (res.body) {
      await writeFromReadableStream(res.body, outgoing)
    } else {
      outgoing.end()
    }
  }
}
