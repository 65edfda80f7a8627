const puppeteer = require('puppeteer');
const express = require('express');
const app = express();

app.get('/invoice/:id', async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto('https://billing.example.com/invoices/' + encodeURIComponent(req.params.id));
  const pdf = await page.pdf({ format: 'A4' });
  await browser.close();
  res.type('pdf').send(pdf);
});
