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
      const canContinue = writable.write(value);
      if (typeof flushable.flush === 'function') {
        flushable.flush();
      }
      if (!canContinue) {
        await waitForDrain(writable);
      }
    }
  } catch (error: unknown) {
    writable.destroy(error as Error);
    throw error;
  }
}

function waitForDrain(writable: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    function cleanup() {
      writable.off('drain', onDrain);
      writable.off('error', onError);
      writable.off('close', onClose);
    }
    function onDrain() {
      cleanup();
      resolve();
    }
    function onError(error: Error) {
      cleanup();
      reject(error);
    }
    function onClose() {
      cleanup();
      reject(new Error('closed before drain'));
    }
    writable.once('drain', onDrain);
    writable.once('error', onError);
    writable.once('close', onClose);
  });
}
