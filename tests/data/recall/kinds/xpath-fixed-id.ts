import * as xpath from 'xpath';
import { Request, Response } from 'express';
export function find({ query }: Request, res: Response) {
  const id = parseInt(String(query.id), 10);
  const r = xpath.select(`//book[@id='${id}']`, doc);
  res.json(r);
}
