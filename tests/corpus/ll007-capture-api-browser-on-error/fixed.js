const express = require('express');
const puppeteer = require('puppeteer');

const app = express();

app.get('/capture', async (req, res) => {
  const browser = await puppeteer.launch({ headless: 'new' });
  try {
    const page = await browser.newPage();
    await page.goto(req.query.url);
    const buffer = await page.screenshot({ fullPage: req.query.full === 'true' });
    res.type('image/png').send(buffer);
  } catch (error) {
    res.status(500).send(String(error));
  } finally {
    await browser.close();
  }
});

app.listen(8080);
