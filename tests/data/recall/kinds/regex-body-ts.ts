import { Request, Response } from 'express';
export function filter({ body }: Request, res: Response) {
  const { pattern } = body;
  res.json(names.filter((n: string) => RegExp(pattern).test(n)));
}
