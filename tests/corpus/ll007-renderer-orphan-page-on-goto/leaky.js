class Renderer {
  constructor(browser) {
    this.browser = browser;
  }

  async render(url, { timeout = 30000, waitUntil = 'networkidle2' } = {}) {
    // expect: LL007
    const page = await this.browser.newPage();
    await page.goto(url, { timeout, waitUntil });
    const html = await page.content();
    await page.close();
    return html;
  }
}

module.exports = Renderer;
