// TypeScript tests for dynamic-code.yaml.
export async function plugin(id: string, dir: string): Promise<unknown> {
  // ruleid: js.code-injection.dynamic-import
  const a: unknown = await import(`${dir}/${id}.js`);
  // ok: js.code-injection.dynamic-import
  const b = await import('./fixed.js');
  // ruleid: js.code-injection.dynamic-require
  const c = require(dir + '/index.js');
  // ok: js.code-injection.dynamic-require
  const d = require('node:path');
  return [a, b, c, d];
}
