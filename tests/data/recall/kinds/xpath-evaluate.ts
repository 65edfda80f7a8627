import * as xpath from 'xpath';
import { Request, Response } from 'express';
export function find({ query }: Request, res: Response) {
  const expr = `//book[@id='${query.id}']`;
  const r = xpath.evaluate(expr, doc, null, xpath.XPathResult.ANY_TYPE, null);
  res.json(r.iterateNext());
}
