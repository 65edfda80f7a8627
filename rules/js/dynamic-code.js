// Tests for dynamic-code.yaml.
const path = require('path');
const { pathToFileURL } = require('url');
const THEME = './themes/dark.js';

async function load(name, settings) {
  // ruleid: js.code-injection.dynamic-require
  const plugin = require(settings.plugin);
  // ruleid: js.code-injection.dynamic-require
  require('./locales/' + name);
  // ruleid: js.code-injection.dynamic-require
  const m = module.require(`./drivers/${name}`);
  // ruleid: js.code-injection.dynamic-require
  require(path.join(settings.dir, name));
  // ok: js.code-injection.dynamic-require
  const fs = require('fs');
  // ok: js.code-injection.dynamic-require
  const data = require(path.join(__dirname, 'data.json'));
  // ok: js.code-injection.dynamic-require
  const locale = require(path.join(__dirname, 'locales', name + '.json'));
  // ok: js.code-injection.dynamic-require
  const driver = require(path.resolve(__dirname, '..', 'drivers', name));
  // ok: js.code-injection.dynamic-require
  const reporter = require(process.env.REPORTER);
  // ok: js.code-injection.dynamic-require
  const formatter = require(process.env.FORMATTER || './formatters/plain');
  const configPath = process.env.APP_CONFIG || './config/default.json';
  // ok: js.code-injection.dynamic-require
  const config = require(configPath);
  const hookPath = process.env.HOOK;
  // ok: js.code-injection.dynamic-require
  const hook = require(hookPath);
  const pluginPath = settings.plugin || './plugins/none';
  // ruleid: js.code-injection.dynamic-require
  const plugin = require(pluginPath);
  // ruleid: js.code-injection.dynamic-require
  const fallback = require(process.env.FALLBACK || settings.fallback);
  // ruleid: js.code-injection.dynamic-require
  const viaEnv = require(configPath + settings.suffix);
  // ruleid: js.code-injection.dynamic-require
  const other = require(path.join(settings.root, 'x'));
  // ok: js.code-injection.dynamic-require
  const theme = require(THEME);
  // ok: js.code-injection.dynamic-require
  const res = require(require.resolve('./x.js'));
  // ok: js.code-injection.dynamic-require
  // ruleid: js.code-injection.dynamic-import
  const imp = await import(name);

  // ruleid: js.code-injection.dynamic-import
  const mod = await import(`./themes/${name}.js`);
  // ruleid: js.code-injection.dynamic-import
  const remote = await import(settings.url);
  // ruleid: js.code-injection.dynamic-import
  import('data:text/javascript,' + settings.code).then(() => {});
  // ok: js.code-injection.dynamic-import
  const lazy = await import('./lazy.js');
  // ok: js.code-injection.dynamic-import
  const t2 = await import(THEME);
  // ok: js.code-injection.dynamic-import
  const r2 = require(name === 'a' ? './a.js' : './b.js') && await import(`./static.js`);
  return [plugin, m, mod, fs, data, lazy, theme, res, imp, remote, t2, r2];
}

// ruleid: js.obfuscation.escaped-string-table
const _0x4f2a = ['\x72\x65\x71\x75\x69\x72\x65', '\x63\x68\x69\x6c\x64', '\x65\x78\x65\x63', '\x68\x74\x74\x70', '\x67\x65\x74'];
// ruleid: js.obfuscation.escaped-string-table
var _0xa1 = ["\u0065\u0076\u0061\u006c", "\u0061\u0074\u006f\u0062", "\u0046\u0075\u006e\u0063", "\u0062\u0074\u006f\u0061", "\u0078\u0079\u007a"];
// ruleid: js.obfuscation.escaped-string-table
let _0x1 = [ '\x63\x6f\x6e\x73', "\x6c\x6f\x67\x73", '\x61\x62\x63', '\x64\x65\x66', '\x67\x68\x69' ];
// ok: js.obfuscation.escaped-string-table
const names = ['require', 'child', 'exec', 'http', 'get'];
// ok: js.obfuscation.escaped-string-table
const bytes = ['\x00', '\x01', '\x02', '\x03', '\x04'];
// ok: js.obfuscation.escaped-string-table
const one = ['\x72\x65\x71\x75\x69\x72\x65'];
module.exports = { load, _0x4f2a, _0xa1, _0x1, names, bytes, one, pathToFileURL };
