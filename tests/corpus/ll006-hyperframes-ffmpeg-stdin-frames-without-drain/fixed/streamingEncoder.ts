import { spawn, type ChildProcess } from "child_process";

export interface StreamingEncoderResult {
  success: boolean;
  durationMs: number;
}

export interface StreamingEncoder {
  writeFrame: (buffer: Buffer) => Promise<boolean>;
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
    writeFrame: async (buffer: Buffer): Promise<boolean> => {
      const stdin = ffmpeg.stdin;
      if (exitStatus !== "running" || !stdin || stdin.destroyed) {
        return false;
      }
      const copy = Buffer.from(buffer);
      if (stdin.write(copy)) return true;
      let onDrain: () => void = () => {};
      let onClose: () => void = () => {};
      try {
        return await new Promise<boolean>((resolve) => {
          onDrain = () => resolve(true);
          onClose = () => resolve(false);
          stdin.once("drain", onDrain);
          ffmpeg.once("close", onClose);
        });
      } finally {
        stdin.off("drain", onDrain);
        ffmpeg.off("close", onClose);
      }
    },
    close: async (): Promise<StreamingEncoderResult> => {
      if (ffmpeg.stdin && !ffmpeg.stdin.destroyed) ffmpeg.stdin.end();
      await exitPromise;
      return { success: exitStatus === "success", durationMs: Date.now() - startTime };
    },
  };
}
