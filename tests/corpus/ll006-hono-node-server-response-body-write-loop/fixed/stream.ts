import { Readable, Writable, pipeline } from 'node:stream'
import { promisify } from 'node:util'

const pipelinePromise = promisify(pipeline)

// pipeline() stops pulling from the source while the destination is full
export async function writeReadableStreamToWritable(stream: ReadableStream, writable: Writable) {
  const readable = webReadableStreamToNodeReadable(stream)
  return pipelinePromise(readable, writable)
}

export function webReadableStreamToNodeReadable(stream: ReadableStream): Readable {
  const reader = stream.getReader()

  const readable = new Readable({
    read() {
      reader
        .read()
        .then(({ done, value }) => {
          this.push(done ? null : value)
        })
        .catch(e => {
          readable.destroy(e)
        })
    },
    destroy(error, callback) {
      reader.cancel(error).then(() => callback(error), () => callback(error))
    },
  })

  return readable
}
