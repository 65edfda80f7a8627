import type { NextApiRequest, NextApiResponse } from 'next';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const name = String(req.query.name ?? '');
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(`<html><body>Hi ${name}</body></html>`);
}
