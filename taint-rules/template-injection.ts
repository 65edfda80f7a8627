// Tests for template-injection.yaml (js.taint.template-injection), typed code.
import type { Request, Response } from 'express';
import * as pug from 'pug';
import Handlebars from 'handlebars';
import { Environment, FileSystemLoader } from 'nunjucks';
import template from 'lodash.template';
import Mustache from 'mustache';

const env = new Environment(new FileSystemLoader('views'));

function renderEmail(tpl: string, vars: Record<string, string>): string {
  // ruleid: js.taint.template-injection
  return Handlebars.compile(tpl)(vars);
}

function renderFixed(vars: Record<string, string>): string {
  // ok: js.taint.template-injection
  return Handlebars.compile('<p>{{name}}</p>')(vars);
}

export async function preview(req: Request, res: Response): Promise<void> {
  const body = req.body as { subject: string; name: string };
  res.send(renderEmail(body.subject, { name: body.name }));
  res.send(renderFixed({ name: body.name }));
  // ruleid: js.taint.template-injection
  res.send(env.renderString(`{% set x = 1 %}${body.subject}`, {}));
  // ok: js.taint.template-injection
  res.send(env.render('mail.njk', { subject: body.subject }));
}

export function banner(req: Request, res: Response): void {
  const title = req.query.title as string;
  // ruleid: js.taint.template-injection
  const fn: pug.compileTemplate = pug.compile(`h1= '${title}'`);
  // ruleid: js.taint.template-injection
  const t = template(title);
  // ok: js.taint.template-injection
  const t2 = template('<h1><%- title %></h1>');
  // ok: js.taint.template-injection
  const m = Mustache.render('<h1>{{title}}</h1>', { title });
  const count: number = Number(req.query.n);
  // ok: js.taint.template-injection
  const n = pug.render(`p ${count}`);
  res.send(fn({}) + t({}) + t2({ title }) + m + n);
}

import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';

export function page(req: ExpressRequest, res: ExpressResponse): void {
  // ruleid: js.taint.template-injection
  res.render('page', req.body);
  // ok: js.taint.template-injection
  res.render('page', { title: String(req.body.title) });
}
