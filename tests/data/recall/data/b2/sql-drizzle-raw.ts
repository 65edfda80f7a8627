import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Request, Response } from 'express';

const orm = drizzle(process.env.DATABASE_URL!);

export async function sorted(req: Request, res: Response) {
  const rows = await orm.execute(sql`SELECT * FROM users ORDER BY ${sql.raw(req.query.col as string)}`);
  res.json(rows);
}
