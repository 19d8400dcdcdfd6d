import { spawn, type ChildProcess } from "child_process";

export interface StreamingEncoderResult {
  success: boolean;
  durationMs: number;
}

export interface StreamingEncoder {
  writeFrame: (buffer: Buffer) => boolean;
  close: () => Promise<StreamingEncoderResult>;
}

export interface FrameReorderBuffer {
  waitForFrame: (frame: number) => Promise<void>;
  advanceTo: (frame: number) => void;
}

export function createFrameReorderBuffer(startFrame: number): FrameReorderBuffer {
  let cursor = startFrame;
  const pending = new Map<number, Array<() => void>>();
  return {
    waitForFrame: (frame) =>
      new Promise<void>((resolve) => {
        if (frame === cursor) return resolve();
        pending.set(frame, [...(pending.get(frame) ?? []), resolve]);
      }),
    advanceTo: (frame) => {
      cursor = frame;
      const list = pending.get(frame);
      pending.delete(frame);
      list?.forEach((resolve) => resolve());
    },
  };
}

export async function spawnStreamingEncoder(outputPath: string, fps: number): Promise<StreamingEncoder> {
  const startTime = Date.now();
  const ffmpeg: ChildProcess = spawn("ffmpeg", ["-f", "image2pipe", "-framerate", String(fps), "-i", "-", "-y", outputPath], {
    stdio: ["pipe", "pipe", "pipe"],
  });

  let exitStatus: "running" | "success" | "error" = "running";
  const exitPromise = new Promise<void>((resolve) => {
    ffmpeg.on("close", (code: number | null) => {
      exitStatus = code === 0 ? "success" : "error";
      resolve();
    });
  });
  ffmpeg.stdin?.on("error", () => {});

  return {
    writeFrame: (buffer: Buffer): boolean => {
      if (exitStatus !== "running" || !ffmpeg.stdin || ffmpeg.stdin.destroyed) {
        return false;
      }
      // the stream keeps a reference to the buffer, and the caller reuses it
      const copy = Buffer.from(buffer);
      // expect: LL006
      const accepted = ffmpeg.stdin.write(copy);
      return accepted;
    },
    close: async (): Promise<StreamingEncoderResult> => {
      if (ffmpeg.stdin && !ffmpeg.stdin.destroyed) ffmpeg.stdin.end();
      await exitPromise;
      return { success: exitStatus === "success", durationMs: Date.now() - startTime };
    },
  };
}
