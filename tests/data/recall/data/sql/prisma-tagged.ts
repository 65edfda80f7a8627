import { PrismaClient } from '@prisma/client';
import type { NextApiRequest, NextApiResponse } from 'next';

const prisma = new PrismaClient();

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { id } = req.query;
  const rows = await prisma.$queryRaw`SELECT * FROM "Post" WHERE id = ${id}`;
  res.status(200).json(rows);
}
