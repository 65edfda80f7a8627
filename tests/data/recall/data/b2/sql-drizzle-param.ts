import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Request, Response } from 'express';

const orm = drizzle(process.env.DATABASE_URL!);

export async function byName(req: Request, res: Response) {
  const rows = await orm.execute(sql`SELECT * FROM users WHERE name = ${req.query.name as string}`);
  res.json(rows);
}
