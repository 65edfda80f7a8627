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

// --- TypeORM and Prisma.raw ----------------------------------------------------------

import { DataSource, Brackets } from 'typeorm';
import { Prisma } from '@prisma/client';
import * as mysql from 'mysql2/promise';

const source: DataSource = new DataSource({ type: 'postgres' });

export async function typeormSearch(req: Request, res: Response): Promise<void> {
  const name = String(req.query.name);
  // ruleid: js.taint.sql-injection
  await source.query(`SELECT * FROM users WHERE name = '${name}'`);
  const users = await source
    .getRepository('User')
    .createQueryBuilder('u')
    .select(['u.id'])
    // ruleid: js.taint.sql-injection
    .where(`u.name = '${name}'`)
    .getMany();
  const builder = source.getRepository('User').createQueryBuilder('u');
  // ruleid: js.taint.sql-injection
  builder.andWhere('u.email LIKE \'' + req.body.email + '\'');
  // ok: js.taint.sql-injection
  builder.andWhere('u.email = :email', { email: req.body.email });
  // ok: js.taint.sql-injection
  builder.orWhere({ name: req.body.name });
  // ok: js.taint.sql-injection
  builder.where(new Brackets((w) => w.where('u.id = :id', { id: req.body.id })));
  // ok: js.taint.sql-injection
  await source.query('SELECT * FROM users WHERE name = $1', [name]);
  res.json(users);
}

export async function prismaRaw(req: Request, res: Response): Promise<void> {
  // ruleid: js.taint.sql-injection
  const order = Prisma.raw(`ORDER BY ${req.query.col}`);
  // ok: js.taint.sql-injection
  const part = Prisma.sql`WHERE id = ${req.query.id}`;
  // ok: js.taint.sql-injection
  await prisma.$executeRaw`UPDATE post SET title = ${req.body.title}`;
  // ruleid: js.taint.sql-injection
  await prisma.$executeRawUnsafe('UPDATE post SET title = \'' + req.body.title + '\'');
  res.json({ order, part });
}

export async function promiseDriver(req: Request, res: Response): Promise<void> {
  const link: mysql.Connection = await mysql.createConnection({ host: 'db' });
  // ruleid: js.taint.sql-injection
  const [rows] = await link.execute(`SELECT * FROM t WHERE a = '${req.params.a}'`);
  // ok: js.taint.sql-injection
  const [rows2] = await link.execute('SELECT * FROM t WHERE a = ?', [req.params.a]);
  res.json({ rows, rows2 });
}

// --- NoSQL: typed Mongoose models and MongoDB collections -------------------------

import { Schema, model, Model } from 'mongoose';
import type { Collection } from 'mongodb';

interface Account { email: string; role: string }
const Accounts: Model<Account> = model<Account>('Account', new Schema<Account>({ email: String, role: String }));

export async function accounts({ body }: Request, res: Response, coll: Collection<Account>): Promise<void> {
  const { email, password } = body;
  // ruleid: js.taint.nosql-injection
  const a = await Accounts.findOne({ email, password });
  // ok: js.taint.nosql-injection
  const b = await Accounts.findOne({ email: String(email) });
  // ruleid: js.taint.nosql-injection
  const c = await Accounts.$where(`this.email == '${email}'`);
  // ok: js.taint.nosql-injection
  const d = await Accounts.find().where('role').equals('admin');
  // ruleid: js.taint.nosql-injection
  const e = await coll.aggregate<Account>([{ $match: body.filter }]).toArray();
  // ok: js.taint.nosql-injection
  const f = await coll.aggregate<Account>([{ $match: { role: 'admin' } }]).toArray();
  res.json({ a, b, c, d, e, f });
}

// TypeORM's EntityManager, QueryRunner and Repository: query(sql, parameters).
import type { EntityManager, QueryRunner, Repository } from 'typeorm';

export class ReportsService {
  constructor(private readonly manager: EntityManager, private readonly userRepository: Repository<Account>) {}

  async run(req: Request, runner: QueryRunner): Promise<unknown[]> {
    const table = req.body.table as string;
    // ruleid: js.taint.sql-injection
    const a = await this.manager.query('SELECT count(*) FROM ' + table);
    // ok: js.taint.sql-injection
    const b = await this.manager.query('SELECT count(*) FROM accounts WHERE role = $1', [table]);
    // ruleid: js.taint.sql-injection
    const c = await this.userRepository.query(`DELETE FROM account WHERE email = '${req.query.email}'`);
    // ok: js.taint.sql-injection
    const d = await this.userRepository.query('DELETE FROM account WHERE email = $1', [req.query.email]);
    const queryRunner = runner;
    // ruleid: js.taint.sql-injection
    const e = await queryRunner.query(`UPDATE account SET role = '${req.body.role}'`);
    // A string with no outside input.
    // ok: js.taint.sql-injection
    const f = await queryRunner.query('SELECT 1');
    return [a, b, c, d, e, f];
  }
}
