// Tests for mass-assignment.yaml (TypeScript).
import { Request, Response } from 'express';
import { PrismaClient } from '@prisma/client';
import { AppDataSource } from './data-source';
import { User } from './entity/User';
const prisma = new PrismaClient();

export async function updateProfile(req: Request, res: Response) {
  const user = await User.findByPk(req.params.id);
  // ruleid: js.web.mass-assignment
  await user!.update(req.body);
  // ruleid: js.web.mass-assignment
  await prisma.user.create({ data: req.body });
  const repo = AppDataSource.getRepository(User);
  // ruleid: js.web.mass-assignment
  await repo.save(req.body as Partial<User>);
  // ok: js.web.mass-assignment
  await user!.update({ displayName: req.body.displayName, bio: req.body.bio });
  // ok: js.web.mass-assignment
  await prisma.user.create({ data: { email: req.body.email } });
  // ok: js.web.mass-assignment
  await repo.save({ id: Number(req.params.id), name: String(req.body.name) });
  res.json(user);
}
