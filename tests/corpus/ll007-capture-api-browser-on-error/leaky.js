const express = require('express');
const puppeteer = require('puppeteer');

const app = express();

app.get('/capture', async (req, res) => {
  // expect: LL007
  const browser = await puppeteer.launch({ headless: 'new' });
  const page = await browser.newPage();
  await page.goto(req.query.url);
  const buffer = await page.screenshot({ fullPage: req.query.full === 'true' });
  await browser.close();
  res.type('image/png').send(buffer);
});

app.listen(8080);
