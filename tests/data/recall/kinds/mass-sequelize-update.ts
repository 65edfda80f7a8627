import { Request, Response } from 'express';
import { User } from '../models';
export async function updateProfile(req: Request, res: Response) {
  const user = await User.findByPk(req.params.id);
  await user!.update(req.body);
  res.json(user);
}
