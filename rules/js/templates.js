// Tests for templates.yaml (js.template.escaping-off).
const Handlebars = require('handlebars');
const nunjucks = require('nunjucks');
const Mustache = require('mustache');
const swig = require('swig');
const { Environment, FileSystemLoader } = require('nunjucks');

const src = '<p>{{name}}</p>';

// ruleid: js.template.escaping-off
const t1 = Handlebars.compile(src, { noEscape: true });
// ok: js.template.escaping-off
const t2 = Handlebars.compile(src, { strict: true });
// ok: js.template.escaping-off
const t3 = Handlebars.compile(src, { noEscape: false });

// ruleid: js.template.escaping-off
nunjucks.configure('views', { autoescape: false, watch: true });
// ruleid: js.template.escaping-off
const env = new Environment(new FileSystemLoader('views'), { autoescape: false });
// ok: js.template.escaping-off
nunjucks.configure('views', { autoescape: true });
// ok: js.template.escaping-off
const env2 = new Environment(new FileSystemLoader('views'));

// ruleid: js.template.escaping-off
Mustache.escape = (text) => text;
// ok: js.template.escaping-off
const escaped = Mustache.escape('<b>');

// ruleid: js.template.escaping-off
swig.setDefaults({ autoescape: false });
// ok: js.template.escaping-off
swig.setDefaults({ cache: false });

// ok: js.template.escaping-off
const opts = { noEscape: process.env.RAW === '1' };

// js.template.dynamic-source: template text computed at run time.
const ejs = require('ejs');
const pug = require('pug');
const _ = require('lodash');
const fs = require('fs');
function renderTemplate(template, data) {
  // ruleid: js.template.dynamic-source
  return ejs.render(template, data);
}
function greet(name) {
  // ruleid: js.template.dynamic-source
  return pug.compile('p Hello ' + name)();
}
function custom(body) {
  // ruleid: js.template.dynamic-source
  const fn = _.template(body.tpl);
  // ruleid: js.template.dynamic-source
  return Handlebars.compile(`<h1>${body.title}</h1>`)({}) + fn({});
}
const FILE_TPL = fs.readFileSync(__dirname + '/card.ejs', 'utf8');
async function fixed(data) {
  // ok: js.template.dynamic-source
  const a = ejs.render('<p><%= name %></p>', data);
  // ok: js.template.dynamic-source
  const b = ejs.render(FILE_TPL, data);
  // ok: js.template.dynamic-source
  const c = pug.render(fs.readFileSync('views/a.pug', 'utf8'), data);
  const text = await fs.promises.readFile('views/b.hbs', 'utf8');
  // ok: js.template.dynamic-source
  const d = Handlebars.compile(text)(data);
  // ok: js.template.dynamic-source
  const e = _.template(`<b><%- name %></b>`)(data);
  return [a, b, c, d, e];
}
module.exports = { renderTemplate, greet, custom, fixed };
