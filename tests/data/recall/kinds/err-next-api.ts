import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  try {
    res.status(200).json(await load(req.query.id as string));
  } catch (error) {
    res.status(500).json({ error });
  }
}
