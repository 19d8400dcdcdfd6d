import crypto from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import { Readable, Writable, WritableOptions } from "stream";

export class ReadStream extends Readable {
  constructor(private _writeStream: WriteStream) {
    super();
  }
}

export class WriteStream extends Writable {
  private _fd: null | number = null;
  private _path: null | string = null;
  private _readStreams: Set<ReadStream> = new Set();
  private _released: boolean = false;

  constructor(options?: WritableOptions) {
    super({ highWaterMark: options?.highWaterMark, autoDestroy: false });

    crypto.randomBytes(16, (error, buffer) => {
      if (error) {
        this.destroy(error);
        return;
      }
      this._path = path.join(os.tmpdir(), `capacitor-${buffer.toString("hex")}.tmp`);
      fs.open(this._path, "wx+", 0o600, (error, fd) => {
        if (error) {
          this.destroy(error);
          return;
        }
        // Cleanup when the process exits or is killed.
        process.addListener("exit", this._cleanupSync);
        this._fd = fd;
        this.emit("ready");
      });
    });
  }

  _cleanupSync = (): void => {
    process.removeListener("exit", this._cleanupSync);
    if (typeof this._fd === "number")
      try {
        fs.closeSync(this._fd);
      } catch (error) {
        // already closed
      }
    try {
      if (this._path) fs.unlinkSync(this._path);
    } catch (error) {
      // the OS cleans tmpdir on restart
    }
  };

  _write(chunk: Buffer, encoding: string, callback: (error?: null | Error) => any): void {
    if (typeof this._fd !== "number") {
      this.once("ready", () => this._write(chunk, encoding, callback));
      return;
    }
    fs.write(this._fd, chunk, 0, chunk.length, null, (error) => callback(error));
  }

  release(): void {
    this._released = true;
    if (this._readStreams.size === 0) this.destroy();
  }

  _destroy(error: undefined | null | Error, callback: (error?: null | Error) => any): void {
    const fd = this._fd;
    const path = this._path;
    if (typeof fd !== "number" || typeof path !== "string") {
      this.once("ready", () => this._destroy(error, callback));
      return;
    }
    fs.close(fd, (closeError) => {
      fs.unlink(path, (unlinkError) => {
        this._fd = null;
        // We avoid removing this until now in case an exit occurs while
        // asyncronously cleaning up.
        process.removeListener("exit", this._cleanupSync);
        callback(unlinkError || closeError || error);
      });
    });
    for (const readStream of this._readStreams)
      readStream.destroy(error || undefined);
  }

  createReadStream(): ReadStream {
    const readStream = new ReadStream(this);
    this._readStreams.add(readStream);
    const remove = (): void => {
      readStream.removeListener("close", remove);
      this._readStreams.delete(readStream);
      if (this._released && this._readStreams.size === 0) {
        this.destroy();
      }
    };
    readStream.addListener("close", remove);
    return readStream;
  }
}
