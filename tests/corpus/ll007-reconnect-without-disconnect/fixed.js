const puppeteer = require('puppeteer');

app.post('/run', async (req, res) => {
  const browser = await puppeteer.connect({ browserWSEndpoint: process.env.CHROME_WS });
  try {
    const page = await browser.newPage();
    res.json(await page.evaluate(req.body.code));
  } finally {
    browser.disconnect();
  }
});
