import { Request, Response } from 'express';
import pick from 'lodash/pick';
import { User } from '../models';
export async function updateProfile(req: Request, res: Response) {
  const user = await User.findByPk(req.params.id);
  await user!.update(pick(req.body, ['displayName', 'bio']));
  res.json(user);
}
