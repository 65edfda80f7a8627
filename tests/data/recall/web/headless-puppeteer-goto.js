const puppeteer = require('puppeteer');
const express = require('express');
const app = express();

app.get('/screenshot', async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto(req.query.url, { waitUntil: 'networkidle2' });
  const png = await page.screenshot();
  await browser.close();
  res.type('png').send(png);
});
