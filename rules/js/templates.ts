// Tests for templates.yaml (js.template.escaping-off, js.template.dynamic-source), typed code.
import Handlebars from 'handlebars';
import * as nunjucks from 'nunjucks';
import Mustache from 'mustache';

export function build(src: string): HandlebarsTemplateDelegate {
  // ruleid: js.template.escaping-off, js.template.dynamic-source
  return Handlebars.compile(src, { noEscape: true, strict: true });
}

export function buildSafe(src: string): HandlebarsTemplateDelegate {
  // ok: js.template.escaping-off
  // ruleid: js.template.dynamic-source
  return Handlebars.compile(src, { strict: true });
}

// ruleid: js.template.escaping-off
export const env: nunjucks.Environment = nunjucks.configure({ autoescape: false });
// ok: js.template.escaping-off
export const env2: nunjucks.Environment = nunjucks.configure({ autoescape: true });

// ruleid: js.template.escaping-off
Mustache.escape = (s: string): string => s;
// ok: js.template.escaping-off
const other = { escape: (s: string): string => s };

// Template text from a caller, typed.
import ejs from 'ejs';
import { readFileSync } from 'fs';
import type { Request } from 'express';
const CARD: string = readFileSync('views/card.ejs', 'utf8');
export function preview(req: Request): string {
  const body = req.body as { layout: string; name: string };
  // ruleid: js.template.dynamic-source
  const a = ejs.render(body.layout, { name: body.name });
  // ruleid: js.template.dynamic-source
  const b = nunjucks.renderString(`{% extends "base" %}${body.layout}`, {});
  // ok: js.template.dynamic-source
  const c = ejs.render(CARD, { name: body.name });
  // ok: js.template.dynamic-source
  const d = nunjucks.renderString('Hello {{ name }}', { name: body.name });
  // ok: js.template.dynamic-source
  const e = Mustache.render('<p>{{name}}</p>', body);
  return a + b + c + d + e;
}
