const puppeteer = require('puppeteer');

let browser = null;

app.get('/visit', async (req, res) => {
  // expect: LL007
  browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto(req.query.url);
  const title = await page.title();
  res.json({ title });
  await browser.close();
});
