// TypeScript tests for transport.yaml.
import axios, { AxiosRequestConfig } from 'axios';

export async function login(user: string, password: string): Promise<string> {
  // ruleid: js.transport.cleartext-credentials
  const r = await axios.post('http://accounts.shop.io/api/login', { user, password } as AxiosRequestConfig);
  // An object type in the type arguments hides the call from the pattern:
  // todoruleid: js.transport.cleartext-credentials
  const r1 = await axios.post<{ token: string }>('http://accounts.shop.io/api/login', { user, password });
  // ok: js.transport.cleartext-credentials
  const r2 = await axios.post<{ token: string }>('https://accounts.shop.io/api/login', { user, password });
  return r.data.token + r1.data.token + r2.data.token;
}

export function live(token: string): WebSocket {
  // ruleid: js.transport.cleartext-websocket
  const ws = new WebSocket('ws://push.shop.io/v2' as string);
  // ok: js.transport.cleartext-websocket
  const ws2 = new WebSocket('wss://push.shop.io/v2');
  ws2.close();
  return ws;
}

// js.transport.cleartext-login-server in TypeScript.
import express, { Request, Response } from "express";
import * as http from "http";
import * as https from "https";
function tsLoginOverHttp(): void {
  const app = express();
  app.post("/api/login", (req: Request, res: Response) => res.json({ ok: true }));
  // ruleid: js.transport.cleartext-login-server
  http.createServer(app).listen(8080);
}
function tsLoginOverHttps(key: string, cert: string): void {
  const app = express();
  app.post("/api/login", (req: Request, res: Response) => res.json({ ok: true }));
  // ok: js.transport.cleartext-login-server
  https.createServer({ key, cert }, app).listen(443);
}
function tsRegisterListen(port: number): void {
  const app = express();
  app.post("/register", (req: Request, res: Response) => res.sendStatus(201));
  // ruleid: js.transport.cleartext-login-server
  app.listen(port, () => console.log(`listening on ${port}`));
}
function tsNoLogin(port: number): void {
  const app = express();
  app.get("/metrics", (req: Request, res: Response) => res.send(""));
  // ok: js.transport.cleartext-login-server
  app.listen(port);
}
