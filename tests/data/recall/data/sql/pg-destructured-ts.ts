import express, { Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();

app.get('/orders', async ({ query }: Request, res: Response) => {
  const status = query.status as string;
  const result = await pool.query(`SELECT * FROM orders WHERE status = '${status}' ORDER BY id`);
  res.json(result.rows);
});
