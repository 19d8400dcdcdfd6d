const puppeteer = require('puppeteer');

let browser;

app.post('/run', async (req, res) => {
  // expect: LL007
  browser = await puppeteer.connect({ browserWSEndpoint: process.env.CHROME_WS });
  const page = await browser.newPage();
  try {
    res.json(await page.evaluate(req.body.code));
  } finally {
    await page.close();
  }
});
