// Tests for sql-injection.yaml: Prisma, knex and typed code.
import { PrismaClient } from '@prisma/client';
import knexFactory from 'knex';
import type { Request, Response } from 'express';
import { ipcMain } from 'electron';

const prisma = new PrismaClient();
const knex = knexFactory({ client: 'pg' });

export async function search(req: Request, res: Response): Promise<void> {
  const term = req.query.term as string;
  // ruleid: js.taint.sql-injection
  const rows = await prisma.$queryRawUnsafe(`SELECT * FROM post WHERE title LIKE '%${term}%'`);
  // Prisma's tagged template sends ${} as parameters.
  // ok: js.taint.sql-injection
  const safe = await prisma.$queryRaw`SELECT * FROM post WHERE title LIKE ${'%' + term + '%'}`;
  res.json({ rows, safe });
}

export async function byStatus(req: Request, res: Response): Promise<void> {
  // ruleid: js.taint.sql-injection
  const rows = await knex('tasks').whereRaw(`status = '${req.body.status}'`);
  // ok: js.taint.sql-injection
  const rows2 = await knex('tasks').whereRaw('status = ?', [req.body.status]);
  res.json({ rows, rows2 });
}

function loadPage(page: number): Promise<unknown> {
  // taint_assume_safe_numbers: page is a number.
  // ok: js.taint.sql-injection
  return knex.raw('SELECT * FROM items OFFSET ' + page * 20);
}

export async function paged(req: Request, res: Response): Promise<void> {
  res.json(await loadPage(Number(req.query.page)));
}

ipcMain.handle('db:delete', async (_event, table: string) => {
  // ruleid: js.taint.sql-injection
  return knex.raw(`DELETE FROM ${table}`);
});
