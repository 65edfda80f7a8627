// TypeScript tests for runtime.yaml.
import { app, BrowserWindow, session, type WebPreferences } from 'electron';
import * as inspector from 'node:inspector';
import * as vm from 'node:vm';
import * as grpc from '@grpc/grpc-js';
import Ajv2020 from 'ajv/dist/2020';
import type { Request } from 'express';

export function toBytes(req: Request): Buffer {
  // ruleid: js.runtime.buffer-constructor
  return new Buffer(req.body as string);
}
// ok: js.runtime.buffer-constructor
export const zeros: Buffer = Buffer.alloc(32);

export function debug(host: string): void {
  // ruleid: js.runtime.inspector-open-all-interfaces
  inspector.open(9229, '0.0.0.0');
  // ok: js.runtime.inspector-open-all-interfaces
  inspector.open(9229, host);
}

export function makeWindow(): BrowserWindow {
  // Options typed apart from the window are not judged.
  // todoruleid: js.electron.risky-web-preferences
  const prefs: WebPreferences = { enableBlinkFeatures: 'CSSVariables' };
  const win = new BrowserWindow({
    // ruleid: js.electron.risky-web-preferences
    webPreferences: { ...prefs, enableBlinkFeatures: 'CSSVariables' as string },
  });
  // ruleid: js.electron.devtools-opened
  void win.loadFile('index.html').then(() => win.webContents.openDevTools());
  // ok: js.electron.devtools-opened
  if (!app.isPackaged) { win.webContents.openDevTools(); }
  return win;
}

export function trustAll(): void {
  // ruleid: js.electron.certificate-errors-ignored
  session.defaultSession.setCertificateVerifyProc((_req: Electron.Request, cb: (v: number) => void) => {
    cb(0);
  });
  // ok: js.electron.certificate-errors-ignored
  session.defaultSession.setCertificateVerifyProc((req, cb) => cb(req.hostname === 'pinned.example' ? 0 : -2));
  // ruleid: js.electron.insecure-command-line-switch
  app.commandLine.appendSwitch('disable-site-isolation-trials');
  // ok: js.electron.insecure-command-line-switch
  app.commandLine.appendSwitch('disable-gpu');
}

// ruleid: js.runtime.ajv-untrusted-data-options
export const ajv = new Ajv2020({ allErrors: true });
// ok: js.runtime.ajv-untrusted-data-options
export const quiet = new Ajv2020({ allErrors: process.env.NODE_ENV !== 'production' });

type Ctor = new (target: string, creds: grpc.ChannelCredentials) => grpc.Client;
export function connect(Client: Ctor): grpc.Client[] {
  return [
    // ruleid: js.runtime.grpc-insecure-channel
    new Client(`payments.prod.example.net:443`, grpc.credentials.createInsecure()),
    // ok: js.runtime.grpc-insecure-channel
    new Client('127.0.0.1:50051', grpc.credentials.createInsecure()),
  ];
}

export function sandboxed(code: string): unknown {
  // ruleid: js.runtime.vm-used-as-sandbox
  return vm.runInNewContext(code, Object.create(null), { timeout: 25, microtaskMode: 'afterEvaluate' });
}
// ok: js.runtime.vm-used-as-sandbox
export const trusted: unknown = vm.runInNewContext('40 + 2', {});

// ruleid: js.runtime.broken-sandbox-package
import { NodeVM } from 'vm2';
// ok: js.runtime.broken-sandbox-package
import ivm from 'isolated-vm';
export { NodeVM, ivm };
