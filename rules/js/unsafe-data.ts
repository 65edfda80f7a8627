// TypeScript tests for unsafe-data.yaml.
import * as yaml from 'js-yaml';
import { merge } from 'lodash';
import type { Request } from 'express';

export function configure(req: Request, text: string, target: Record<string, unknown>): unknown {
  // ruleid: js.deserialization.js-yaml-load
  const cfg = yaml.load(text) as Record<string, unknown>;
  // ok: js.deserialization.js-yaml-load
  const safe = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  // ruleid: js.prototype-pollution.recursive-merge
  merge(target, req.body);
  // ok: js.prototype-pollution.recursive-merge
  merge(target, { theme: 'dark' });
  // ruleid: js.redos.dynamic-regexp
  const re: RegExp = new RegExp(req.query.q as string);
  return [cfg, safe, re];
}
