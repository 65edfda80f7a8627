import type { Request, Response } from 'express';

const LOCALES = ['en', 'fr', 'de'] as const;

export async function messages(req: Request, res: Response) {
  const lang = String(req.params.lang);
  if (!(LOCALES as readonly string[]).includes(lang)) {
    res.status(400).end();
    return;
  }
  const mod = await import(`./locales/${lang}.js`);
  res.json(mod.default);
}
