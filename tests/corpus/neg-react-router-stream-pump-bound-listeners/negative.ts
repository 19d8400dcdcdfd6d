import { Stream } from 'node:stream';

type NodeSource = Stream & { readable?: boolean; pause?: () => void; resume?: () => void; destroy?: (e?: Error) => void };

export const createReadableStreamFromReadable = (source: NodeSource) => {
  const pump = new StreamPump(source);
  return new ReadableStream(pump, pump);
};

class StreamPump {
  private controller?: ReadableStreamController<Uint8Array>;

  constructor(private stream: NodeSource) {
    this.enqueue = this.enqueue.bind(this);
    this.error = this.error.bind(this);
    this.close = this.close.bind(this);
  }

  start(controller: ReadableStreamController<Uint8Array>) {
    this.controller = controller;
    this.stream.on('data', this.enqueue);
    this.stream.once('error', this.error);
    this.stream.once('end', this.close);
    this.stream.once('close', this.close);
  }

  pull() {
    if (this.stream.readable && this.stream.resume) this.stream.resume();
  }

  cancel(reason?: Error) {
    if (this.stream.destroy) this.stream.destroy(reason);
    this.stream.off('data', this.enqueue);
    this.stream.off('error', this.error);
    this.stream.off('end', this.close);
    this.stream.off('close', this.close);
  }

  enqueue(chunk: Uint8Array | string) {
    if (!this.controller) return;
    const bytes = chunk instanceof Uint8Array ? chunk : Buffer.from(chunk);
    const available = (this.controller.desiredSize || 0) - bytes.byteLength;
    this.controller.enqueue(bytes);
    if (available <= 0 && this.stream.pause) this.stream.pause();
  }

  close() {
    if (this.controller) {
      this.controller.close();
      delete this.controller;
    }
  }

  error(error: Error) {
    if (this.controller) {
      this.controller.error(error);
      delete this.controller;
    }
  }
}
