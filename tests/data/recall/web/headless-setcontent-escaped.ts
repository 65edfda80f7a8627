import puppeteer from 'puppeteer';
import escapeHtml from 'escape-html';
import type { Request, Response } from 'express';

export async function exportPdf(req: Request, res: Response) {
  const { title } = req.body as { title: string };
  const browser = await puppeteer.launch({ headless: true });
  const page = await browser.newPage();
  await page.setContent(`<h1>${escapeHtml(title)}</h1>`);
  const pdf = await page.pdf();
  await browser.close();
  res.contentType('application/pdf').send(pdf);
}
