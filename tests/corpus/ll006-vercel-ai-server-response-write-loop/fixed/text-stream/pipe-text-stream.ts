import { ServerResponse } from 'node:http'
import { writeToServerResponse } from '../util/write-to-server-response'

export function pipeTextStreamToResponse({
  response,
  textStream,
  status,
}: {
  response: ServerResponse
  textStream: ReadableStream<string>
  status?: number
}): void {
  writeToServerResponse({
    response,
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    stream: textStream.pipeThrough(new TextEncoderStream()),
  })
}
