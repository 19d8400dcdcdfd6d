const puppeteer = require('puppeteer');

async function captureScreenshot(url, options = {}) {
  // expect: LL007
  const browser = await puppeteer.launch({ args: options.launchArgs });
  const page = await browser.newPage();
  await page.setViewport({ width: options.width || 1280, height: options.height || 800 });
  await page.goto(url, { timeout: options.timeout || 60000, waitUntil: 'networkidle2' });
  const image = await page.screenshot({ type: options.type || 'png' });
  await page.close();
  await browser.close();
  return image;
}

module.exports = { captureScreenshot };
