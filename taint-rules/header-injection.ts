// Tests for header-injection.yaml (TypeScript).
import { IncomingMessage, ServerResponse } from 'http';
import { parse } from 'url';
import { Request, Response } from 'express';

export function handle(req: IncomingMessage, res: ServerResponse) {
  const { query } = parse(req.url ?? '', true);
  // ruleid: js.taint.header-injection
  res.writeHead(200, { 'X-Lang': String(query.lang) });
  // ok: js.taint.header-injection
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end();
}

export function named({ query }: Request, res: Response) {
  // ruleid: js.taint.header-injection
  res.append('Warning', query.msg as string);
  // ok: js.taint.header-injection
  res.append('Warning', '199 - "fixed"');
  res.end();
}
