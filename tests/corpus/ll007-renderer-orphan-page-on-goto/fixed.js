class Renderer {
  constructor(browser) {
    this.browser = browser;
  }

  async render(url, { timeout = 30000, waitUntil = 'networkidle2' } = {}) {
    const page = await this.browser.newPage();
    try {
      await page.goto(url, { timeout, waitUntil });
      return await page.content();
    } finally {
      await page.close();
    }
  }
}

module.exports = Renderer;
