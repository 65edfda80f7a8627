// Tests for ssrf.yaml (js.taint.ssrf) in TypeScript: typed handlers, typed
// axios instances, NestJS's HttpService.
import express, { Request, Response } from 'express';
import axios, { AxiosInstance } from 'axios';
import { Controller, Get, Query } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';

const app = express();
const client: AxiosInstance = axios.create({ timeout: 1000 });

app.get('/proxy', async (req: Request, res: Response) => {
  const target = req.query.url as string;
  // ruleid: js.taint.ssrf
  const a = await client.get<string>(target);
  // ok: js.taint.ssrf
  const b = await client.get(`/status/${encodeURIComponent(target)}`);
  // ruleid: js.taint.ssrf
  const c = await axios.get<string>(target as string);
  // ok: js.taint.ssrf
  const d = await axios.get(`https://api.example.com/lookup/${target}`);
  res.json({ a: a.data, b: b.data, c: c.data, d: d.data });
});

export async function preview({ query }: Request, res: Response): Promise<void> {
  // ruleid: js.taint.ssrf
  const r = await fetch(String(query.url));
  // ok: js.taint.ssrf
  const s = await fetch('https://api.example.com/preview', { method: 'POST', body: String(query.url) });
  res.json({ r: r.status, s: s.status });
}

@Controller('fetch')
export class FetchController {
  constructor(private readonly httpService: HttpService) {}

  @Get()
  async get(@Query('url') url: string): Promise<unknown> {
    // ruleid: js.taint.ssrf
    const r = await firstValueFrom(this.httpService.get(url));
    return r.data;
  }

  @Get('item')
  async item(@Query('id') id: string): Promise<unknown> {
    // ok: js.taint.ssrf
    const r = await firstValueFrom(this.httpService.get(`https://api.example.com/items/${id}`));
    // ok: js.taint.ssrf
    const s = await firstValueFrom(this.httpService.get('https://api.example.com/items', { params: { id } }));
    return [r.data, s.data];
  }
}

// ky: the input and its methods take a URL like fetch's.
import ky from 'ky';

export async function mirror(req: Request, res: Response): Promise<void> {
  // ruleid: js.taint.ssrf
  const a = await ky.get(req.query.source as string).text();
  // ruleid: js.taint.ssrf
  const b = await ky(req.body.url as string, { method: 'post' }).json();
  // ruleid: js.taint.ssrf
  await ky.post(`${req.body.base}/hooks`, { json: req.body });
  // ok: js.taint.ssrf
  const c = await ky.get(`https://api.example.com/items/${encodeURIComponent(req.query.id as string)}`).json();
  // ok: js.taint.ssrf
  await ky.post('https://hooks.example.com/in', { json: req.body });
  // ok: js.taint.ssrf
  const d = await ky.get('https://api.example.com/items', { searchParams: { q: req.query.q as string } }).json();
  res.json({ a, b, c, d });
}
