import puppeteer from 'puppeteer';
import type { Request, Response } from 'express';

export async function exportPdf(req: Request, res: Response) {
  const { title, body } = req.body as { title: string; body: string };
  const browser = await puppeteer.launch({ headless: true });
  const page = await browser.newPage();
  await page.setContent(`<h1>${title}</h1><article>${body}</article>`);
  const pdf = await page.pdf();
  await browser.close();
  res.contentType('application/pdf').send(pdf);
}
