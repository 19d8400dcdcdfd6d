import type { Writable } from 'node:stream'

export function writeFromReadableStreamDefaultReader(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  writable: Writable,
  currentReadPromise?: Promise<ReadableStreamReadResult<Uint8Array>> | undefined
) {
  const cancel = (error?: unknown) => {
    reader.cancel(error).catch(() => {})
  }

  writable.on('close', cancel)
  writable.on('error', cancel)
  ;(currentReadPromise ?? reader.read()).then(flow, handleStreamError)

  return reader.closed.finally(() => {
    writable.off('close', cancel)
    writable.off('error', cancel)
  })

  function handleStreamError(error: unknown) {
    if (error) {
      writable.destroy(error as Error)
    }
  }

  function onDrain() {
    reader.read().then(flow, handleStreamError)
  }

  function flow({ done, value }: ReadableStreamReadResult<Uint8Array>): void | Promise<void> {
    try {
      if (done) {
        writable.end()
      } else if (!writable.write(value)) {
        // the response is full: read the next chunk only once it has drained
        writable.once('drain', onDrain)
      } else {
        return reader.read().then(flow, handleStreamError)
      }
    } catch (e) {
      handleStreamError(e)
    }
  }
}

export function writeFromReadableStream(stream: ReadableStream<Uint8Array>, writable: Writable) {
  if (stream.locked) {
    throw new TypeError('ReadableStream is locked.')
  } else if (writable.destroyed) {
    return
  }

  return writeFromReadableStreamDefaultReader(stream.getReader(), writable)
}
