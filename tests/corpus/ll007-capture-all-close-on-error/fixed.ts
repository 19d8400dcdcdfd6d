import * as puppeteer from 'puppeteer';

export async function captureAll(targets: { url: string; selector?: string }[]): Promise<Buffer[]> {
  const browser = await puppeteer.launch();
  try {
    const page = await browser.newPage();
    const images: Buffer[] = [];
    for (const target of targets) {
      await page.goto(target.url);
      if (target.selector) await page.waitForSelector(target.selector);
      images.push((await page.screenshot()) as Buffer);
    }
    return images;
  } finally {
    await browser.close();
  }
}
