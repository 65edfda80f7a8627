// Tests for templates.yaml (js.template.escaping-off), typed code.
import Handlebars from 'handlebars';
import * as nunjucks from 'nunjucks';
import Mustache from 'mustache';

export function build(src: string): HandlebarsTemplateDelegate {
  // ruleid: js.template.escaping-off
  return Handlebars.compile(src, { noEscape: true, strict: true });
}

export function buildSafe(src: string): HandlebarsTemplateDelegate {
  // ok: js.template.escaping-off
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
