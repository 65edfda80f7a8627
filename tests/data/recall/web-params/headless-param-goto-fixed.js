const puppeteer = require('puppeteer');
module.exports = async function snapshot() {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto('https://status.example.com/');
  const png = await page.screenshot();
  await browser.close();
  return png;
};
