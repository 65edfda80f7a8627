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
