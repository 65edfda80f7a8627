// Tests for path-traversal.yaml (js.taint.path-traversal): Fastify, Koa,
// VS Code, typed code.
import Fastify, { FastifyRequest } from 'fastify';
import Koa from 'koa';
import * as fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';

const fastify = Fastify();

fastify.get('/doc', async (request: FastifyRequest<{ Querystring: { name: string } }>) => {
  const { name } = request.query;
  // ruleid: js.taint.path-traversal
  return readFile(path.join('/srv/docs', name), 'utf8');
});

fastify.get('/doc-safe', async (request: FastifyRequest<{ Querystring: { name: string } }>) => {
  // ok: js.taint.path-traversal
  return readFile(path.join('/srv/docs', path.basename(request.query.name)), 'utf8');
});

const koa = new Koa();
koa.use(async (ctx) => {
  const body = ctx.request.body as { target: string; data: string };
  // ruleid: js.taint.path-traversal
  fs.appendFileSync(body.target, body.data);
  ctx.body = 'ok';
});

export async function exportReport(): Promise<void> {
  const out = vscode.workspace.getConfiguration('report').get<string>('outputFile', 'report.txt');
  // A workspace setting names the file the extension writes.
  // ruleid: js.taint.path-traversal
  fs.writeFileSync(out, 'report');
  // ok: js.taint.path-traversal
  fs.writeFileSync(path.join(__dirname, 'report.txt'), out);
}

import { mkdir, rename } from 'node:fs/promises';
import * as fse from 'fs-extra';
import type { Request, Response } from 'express';

const UPLOADS: string = path.resolve('/srv/uploads');

export async function store(req: Request, res: Response): Promise<void> {
  const dir: string = String(req.body.dir);
  // ruleid: js.taint.path-traversal
  await mkdir(path.join(UPLOADS, dir), { recursive: true });
  // ruleid: js.taint.path-traversal
  await rename(path.join(UPLOADS, 'incoming.bin'), path.join(UPLOADS, dir, 'file.bin'));
  // ruleid: js.taint.path-traversal
  await fse.move(path.join(UPLOADS, 'incoming.bin'), dir);
  const safe: string = path.resolve(UPLOADS, dir);
  if (!safe.startsWith(UPLOADS + path.sep)) {
    res.status(400).end();
    return;
  }
  // ok: js.taint.path-traversal
  await mkdir(safe, { recursive: true });
  // ok: js.taint.path-traversal
  await rename(path.join(UPLOADS, 'incoming.bin'), path.join(safe, 'file.bin'));
  // ok: js.taint.path-traversal
  await fse.ensureDir(path.join(UPLOADS, 'archive'));
  res.end();
}

// A root check that leaves through Koa's ctx.throw.
const NOTES = '/srv/notes';
koa.use(async (ctx) => {
  const { title, text } = ctx.request.body as { title: string; text: string };
  const target = path.resolve(NOTES, title + '.md');
  if (!target.startsWith(NOTES + path.sep)) ctx.throw(400, 'bad title');
  // ok: js.taint.path-traversal
  await fs.promises.writeFile(target, text);
  const other = path.resolve(NOTES, text);
  // A check that only logs does not leave.
  if (!other.startsWith(NOTES + path.sep)) console.warn('outside', other);
  // ruleid: js.taint.path-traversal
  await fs.promises.writeFile(other, 'x');
  const third = path.resolve(NOTES, ctx.query.name as string);
  if (!third.startsWith(NOTES + path.sep)) ctx.throw(403);
  // ok: js.taint.path-traversal
  fs.unlinkSync(third);
  // ruleid: js.taint.path-traversal
  fs.unlinkSync(path.resolve(NOTES, ctx.query.other as string));
  const fourth = path.resolve(NOTES, ctx.query.dir as string);
  if (!fourth.startsWith(NOTES)) ctx.throw(403);
  // ok: js.taint.path-traversal
  await mkdir(fourth);
  // The check was on another value.
  // ruleid: js.taint.path-traversal
  await mkdir(path.join(fourth, ctx.query.sub as string));
  ctx.status = 201;
});
