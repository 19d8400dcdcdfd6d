import { spawnStreamingEncoder, createFrameReorderBuffer } from "./streamingEncoder";
import { captureFrameToBuffer, createCaptureSession, closeCaptureSession } from "./frameCapture";

export interface RenderJob {
  outputPath: string;
  fps: number;
  totalFrames: number;
  framesRendered: number;
}

export async function runCaptureStreamingStage(job: RenderJob): Promise<void> {
  const encoder = await spawnStreamingEncoder(job.outputPath, job.fps);
  const reorderBuffer = createFrameReorderBuffer(0);
  const session = await createCaptureSession();
  try {
    for (let i = 0; i < job.totalFrames; i++) {
      const { buffer } = await captureFrameToBuffer(session, i, i / job.fps);
      await reorderBuffer.waitForFrame(i);
      encoder.writeFrame(buffer);
      reorderBuffer.advanceTo(i + 1);
      job.framesRendered = i + 1;
    }
  } finally {
    await closeCaptureSession(session);
  }
  const result = await encoder.close();
  if (!result.success) throw new Error("Streaming encode failed");
}
