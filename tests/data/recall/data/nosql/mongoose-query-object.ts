import { Request, Response } from 'express';
import { model, Schema } from 'mongoose';

const Account = model('Account', new Schema({ email: String, token: String }));

export async function reset(req: Request, res: Response) {
  const filter = req.body.filter;
  const acct = await Account.findOneAndUpdate(filter, { token: null });
  res.json({ done: !!acct });
}
