import { format } from 'node:util';
export default async function handler(req, res) {
  const line = format(req.body.pattern, req.body.count, req.body.total);
  res.status(200).json({ line });
}
