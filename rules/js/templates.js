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
