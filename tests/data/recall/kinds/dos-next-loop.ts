import type { NextApiRequest, NextApiResponse } from 'next';
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const count = Number(req.query.count);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(crypto.randomUUID());
  }
  res.json(ids);
}
