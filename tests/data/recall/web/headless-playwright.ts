import { chromium } from 'playwright';
import { Router } from 'express';

export const preview = Router();

preview.post('/preview', async (req, res) => {
  const { target } = req.body;
  const browser = await chromium.launch();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(target);
  res.send(await page.title());
  await browser.close();
});
