// Tests for prototype-pollution.yaml (js.taint.prototype-pollution) in
// TypeScript: typed handlers, lodash's named imports, a typed recursive merge.
import type { Request, Response } from 'express';
import { merge, set, zipObjectDeep } from 'lodash';

type Tree = Record<string, unknown>;
const config: Tree = {};

function mergeTree(target: Tree, source: Tree): Tree {
  for (const key in source) {
    const value = source[key];
    if (value && typeof value === 'object') {
      target[key] = target[key] ?? {};
      // ruleid: js.taint.prototype-pollution
      mergeTree(target[key] as Tree, source[key] as Tree);
    } else {
      target[key] = value;
    }
  }
  return target;
}

function mergeTreeSafe(target: Tree, source: Tree): Tree {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor') return target;
    // ok: js.taint.prototype-pollution
    mergeTree(target[key] as Tree, source[key] as Tree);
  }
  return target;
}

export function update(req: Request, res: Response): void {
  // ruleid: js.taint.prototype-pollution
  merge(config, req.body as Tree);
  // ok: js.taint.prototype-pollution
  merge(config, { ui: { size: Number(req.body.size) } });
  // A string has no keys to merge, but String() is no sanitizer here (a key
  // made with String(k) can still be "__proto__"): a known false positive.
  // todook: js.taint.prototype-pollution
  merge(config, { ui: { theme: String(req.body.theme) } });
  // ruleid: js.taint.prototype-pollution
  set(config, String(req.query.path), req.body.value);
  // ok: js.taint.prototype-pollution
  set(config, 'ui.theme', req.body.value);
  // ruleid: js.taint.prototype-pollution
  const z = zipObjectDeep(req.body.paths as string[], [1, 2]);
  // ok: js.taint.prototype-pollution
  const y = zipObjectDeep(['ui.theme'], [req.body.value]);
  mergeTree(config, req.body as Tree);
  mergeTreeSafe(config, req.body as Tree);
  res.json({ z, y });
}

// Default imports of lodash's per-method modules, and lodash-es.
import lodashSet from 'lodash/set';
import mergeDeep from 'lodash/merge';
import { defaultsDeep as esDefaultsDeep, zipObjectDeep as esZip } from 'lodash-es';

export function perMethod(req: Request, res: Response): void {
  const prefs: Tree = {};
  // ruleid: js.taint.prototype-pollution
  lodashSet(prefs, req.body.path as string, req.body.value);
  // ruleid: js.taint.prototype-pollution
  mergeDeep(prefs, {}, req.body as Tree);
  // ruleid: js.taint.prototype-pollution
  const z = esZip(req.body.paths as string[], req.body.values as unknown[]);
  // ok: js.taint.prototype-pollution
  lodashSet(prefs, 'ui.theme', req.body.value);
  // ok: js.taint.prototype-pollution
  esDefaultsDeep(prefs, { ui: { theme: 'dark' } });
  // ok: js.taint.prototype-pollution
  const y = esZip(['a.b', 'c.d'], req.body.values as unknown[]);
  res.json({ prefs, z, y });
}
