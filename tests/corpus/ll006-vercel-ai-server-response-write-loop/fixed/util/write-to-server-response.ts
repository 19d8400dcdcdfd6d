import { ServerResponse } from 'node:http'

/** Copies a web stream into a Node response, then ends it. */
export function writeToServerResponse({
  response,
  status,
  headers,
  stream,
}: {
  response: ServerResponse
  status?: number
  headers?: Record<string, string | number | string[]>
  stream: ReadableStream<Uint8Array>
}): void {
  response.writeHead(status ?? 200, headers)
  const reader = stream.getReader()
  const pump = async () => {
    try {
      while (true) {
        const { done, value } = await reader.read()
        if (done) break
        const accepted = response.write(value)
        if (!accepted) {
          await new Promise<void>((resolve) => {
            response.once('drain', resolve)
          })
        }
      }
    } finally {
      response.end()
    }
  }
  pump()
}
