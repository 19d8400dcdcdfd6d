import type { Writable } from 'node:stream';

export async function writeReadableStreamToWritable(stream: ReadableStream, writable: Writable) {
  const reader = stream.getReader();
  const flushable = writable as { flush?: Function };

  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) {
        writable.end();
        break;
      }
      // expect: LL006
      writable.write(value);
      if (typeof flushable.flush === 'function') {
        flushable.flush();
      }
    }
  } catch (error: unknown) {
    writable.destroy(error as Error);
    throw error;
  }
}
