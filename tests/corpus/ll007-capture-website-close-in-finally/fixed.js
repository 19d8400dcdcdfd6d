const puppeteer = require('puppeteer');

async function captureScreenshot(url, options = {}) {
  const browser = await puppeteer.launch({ args: options.launchArgs });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: options.width || 1280, height: options.height || 800 });
    await page.goto(url, { timeout: options.timeout || 60000, waitUntil: 'networkidle2' });
    return await page.screenshot({ type: options.type || 'png' });
  } finally {
    await browser.close();
  }
}

module.exports = { captureScreenshot };
