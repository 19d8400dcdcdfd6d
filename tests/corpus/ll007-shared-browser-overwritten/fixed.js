const puppeteer = require('puppeteer');

app.get('/visit', async (req, res) => {
  const browser = await puppeteer.launch();
  try {
    const page = await browser.newPage();
    await page.goto(req.query.url);
    res.json({ title: await page.title() });
  } finally {
    await browser.close();
  }
});
