const puppeteer = require('puppeteer');
module.exports = async function snapshot(url) {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto(url);
  const png = await page.screenshot();
  await browser.close();
  return png;
};
