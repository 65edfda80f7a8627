import express, { Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();

app.get('/orders', async ({ query }: Request, res: Response) => {
  const status = query.status as string;
  const result = await pool.query({ text: 'SELECT * FROM orders WHERE status = $1 ORDER BY id', values: [status] });
  res.json(result.rows);
});
