import { promises as fsp } from 'fs';
import { join } from 'path';
import type { Context } from 'koa';

export async function saveNote(ctx: Context) {
  const { title, text } = ctx.request.body as { title: string; text: string };
  await fsp.writeFile(join('/srv/notes', title + '.md'), text);
  ctx.status = 201;
}
