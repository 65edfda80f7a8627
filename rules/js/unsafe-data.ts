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
  // ruleid: js.redos.catastrophic-regex
  const slug: RegExp = /^([a-z]+-?)*$/;
  // ruleid: js.redos.catastrophic-regex
  const ws = new RegExp('^(a|a)*$', 'm' as string);
  // ruleid: js.redos.catastrophic-regex
  const path = (req.path as string).match(/^(\/[^/]*)*\/(.*a){12}$/);
  // ok: js.redos.catastrophic-regex
  const id: RegExp = /^[a-z]+(?:-[a-z]+)*$/u;
  // ok: js.redos.catastrophic-regex
  const num = new RegExp('^\\d+(\\.\\d+)?$');
  // ok: js.redos.catastrophic-regex
  const any = new RegExp(`^(?:[0-9a-f]{8})+$`, 'i');
  return [cfg, safe, re, slug, ws, path, id, num, any];
}
