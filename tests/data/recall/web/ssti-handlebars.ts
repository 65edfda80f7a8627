import Handlebars from 'handlebars';
import { Request, Response } from 'express';

export async function renderCustom(req: Request, res: Response) {
  const source: string = req.body.layout;
  const template = Handlebars.compile(source);
  res.send(template({ user: 'anonymous' }));
}
