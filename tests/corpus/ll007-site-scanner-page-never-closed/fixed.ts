import { Browser } from 'puppeteer';

export class CoreScanner {
  constructor(private readonly browser: Browser) {}

  async scan(input: { url: string }) {
    const page = await this.browser.newPage();
    try {
      const response = await page.goto(`https://${input.url}`);
      const finalUrl = page.url();
      return { targetUrl: input.url, finalUrl, status: response?.status() };
    } finally {
      await page.close();
    }
  }
}
