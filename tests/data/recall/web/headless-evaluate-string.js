const puppeteer = require('puppeteer');

exports.setTitle = async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto('https://example.com');
  await page.evaluate(`document.title = '${req.query.title}'`);
  res.send('ok');
};
