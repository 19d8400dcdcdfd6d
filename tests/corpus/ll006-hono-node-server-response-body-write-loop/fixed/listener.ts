import { IncomingMessage, ServerResponse } from 'node:http'
import { writeReadableStreamToWritable } from './stream'
import { FetchCallback } from './types'

export const getRequestListener = (fetchCallback: FetchCallback) => {
  return async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const method = incoming.method || 'GET'
    const url = `http://${incoming.headers.host}${incoming.url}`

    const headerRecord: Record<string, string> = {}
    for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
      headerRecord[incoming.rawHeaders[i]] = incoming.rawHeaders[i + 1]
    }

    let res: Response
    try {
      res = (await fetchCallback(new Request(url, { method, headers: headerRecord }))) as Response
    } catch (e: unknown) {
      res = new Response(null, { status: 500 })
    }

    for (const [k, v] of res.headers) {
      outgoing.setHeader(k, v)
    }
    outgoing.statusCode = res.status

    if (res.body) {
      try {
        const contentType = res.headers.get('content-type') || ''
        if (res.headers.get('transfer-encoding') || !/^(application\/json\b|text\/(?!event-stream\b))/i.test(contentType)) {
          await writeReadableStreamToWritable(res.body, outgoing)
        } else {
          const text = await res.text()
          outgoing.setHeader('Content-Length', Buffer.byteLength(text))
          outgoing.end(text)
        }
      } catch (e: unknown) {
        console.error(e)
        outgoing.destroy(e instanceof Error ? e : new Error('unknown error'))
      }
    } else {
      outgoing.end()
    }
  }
}
