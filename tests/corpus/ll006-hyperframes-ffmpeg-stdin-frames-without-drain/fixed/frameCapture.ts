import puppeteer, { type Browser, type Page } from "puppeteer";

export interface CaptureSession { browser: Browser; page: Page }

export async function createCaptureSession(): Promise<CaptureSession> {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  return { browser, page };
}

export async function captureFrameToBuffer(session: CaptureSession, frame: number, time: number) {
  await session.page.evaluate((t) => (window as any).__seek(t), time);
  const buffer = (await session.page.screenshot({ type: "jpeg" })) as Buffer;
  return { frame, buffer };
}

export async function closeCaptureSession(session: CaptureSession): Promise<void> {
  await session.browser.close();
}
