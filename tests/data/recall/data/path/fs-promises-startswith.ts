import { promises as fsp } from 'fs';
import { join, resolve } from 'path';
import type { Context } from 'koa';

const ROOT = '/srv/notes';
export async function saveNote(ctx: Context) {
  const { title, text } = ctx.request.body as { title: string; text: string };
  const target = resolve(ROOT, title + '.md');
  if (!target.startsWith(ROOT + '/')) ctx.throw(400);
  await fsp.writeFile(target, text);
  ctx.status = 201;
}
