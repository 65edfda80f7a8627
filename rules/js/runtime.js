// Tests for runtime.yaml.
const { app, BrowserWindow, session } = require('electron');
const inspector = require('node:inspector');
const { open: openInspector } = require('inspector');
const vm = require('vm');
const grpc = require('@grpc/grpc-js');
const Ajv = require('ajv');
const { SlowBuffer } = require('buffer');

function legacyBuffers(size, text) {
  // ruleid: js.runtime.buffer-constructor
  const a = new Buffer(size);
  // ruleid: js.runtime.buffer-constructor
  const b = Buffer(text, 'utf8');
  // ruleid: js.runtime.buffer-constructor
  const c = new SlowBuffer(16);
  // ok: js.runtime.buffer-constructor
  const d = Buffer.from(text, 'utf8');
  // ok: js.runtime.buffer-constructor
  const e = Buffer.alloc(size);
  // ok: js.runtime.buffer-constructor
  const f = new ArrayBuffer(size);
  return [a, b, c, d, e, f];
}

function debugServer() {
  // ruleid: js.runtime.inspector-open-all-interfaces
  inspector.open(9229, '0.0.0.0', false);
  // ruleid: js.runtime.inspector-open-all-interfaces
  openInspector(9230, '::');
  // ok: js.runtime.inspector-open-all-interfaces
  inspector.open(9229, '127.0.0.1');
  // ok: js.runtime.inspector-open-all-interfaces
  inspector.open();
  // ok: js.runtime.inspector-open-all-interfaces
  someServer.open(80, '0.0.0.0');
}

function startChild(cp) {
  // ruleid: js.runtime.inspect-flag-all-interfaces
  cp.fork('worker.js', [], { execArgv: ['--inspect=0.0.0.0:9229'] });
  // ruleid: js.runtime.inspect-flag-all-interfaces
  process.env.NODE_OPTIONS = '--inspect-brk=[::]:9229';
  // ruleid: js.runtime.inspect-flag-all-interfaces
  cp.spawn('node', ['--inspect=0.0.0.0', 'server.js']);
  // ok: js.runtime.inspect-flag-all-interfaces
  cp.fork('worker.js', [], { execArgv: ['--inspect=127.0.0.1:9229'] });
  // ok: js.runtime.inspect-flag-all-interfaces
  cp.spawn('node', ['--inspect', 'server.js']);
  // ok: js.runtime.inspect-flag-all-interfaces
  cp.spawn('node', ['--inspect=0.0.0.01']);
}

function createWindow(isDev) {
  const win = new BrowserWindow({ width: 800 });
  // ruleid: js.electron.devtools-opened
  win.webContents.openDevTools();
  // ok: js.electron.devtools-opened
  if (!app.isPackaged) win.webContents.openDevTools({ mode: 'detach' });
  // ok: js.electron.devtools-opened
  if (isDev) { win.webContents.openDevTools(); }
  // ok: js.electron.devtools-opened
  if (process.env.NODE_ENV === 'development') win.webContents.openDevTools();
  win.once('ready-to-show', () => {
    // ruleid: js.electron.devtools-opened
    win.openDevTools({ mode: 'right' });
  });
  return win;
}

async function ready() {
  await app.whenReady();
  // ruleid: js.electron.devtools-opened
  BrowserWindow.getFocusedWindow().webContents.openDevTools();
}

// ruleid: js.electron.certificate-errors-ignored
app.commandLine.appendSwitch('ignore-certificate-errors');
// ruleid: js.electron.certificate-errors-ignored
app.on('certificate-error', (event, webContents, url, error, certificate, callback) => {
  event.preventDefault();
  callback(true);
});
// ok: js.electron.certificate-errors-ignored
app.on('certificate-error', (event, webContents, url, error, certificate, callback) => {
  if (certificate.fingerprint === PINNED) {
    event.preventDefault();
    callback(true);
  } else {
    callback(false);
  }
});
// ruleid: js.electron.certificate-errors-ignored
session.defaultSession.setCertificateVerifyProc((request, callback) => callback(0));
// ok: js.electron.certificate-errors-ignored
session.defaultSession.setCertificateVerifyProc((request, callback) => callback(-3));
// ok: js.electron.certificate-errors-ignored
app.commandLine.appendSwitch('lang', 'en-US');

// ruleid: js.electron.insecure-command-line-switch
app.commandLine.appendSwitch('disable-web-security');
// ruleid: js.electron.insecure-command-line-switch
app.commandLine.appendSwitch('remote-debugging-port', '9222');
// ruleid: js.electron.insecure-command-line-switch
app.commandLine.appendSwitch("no-sandbox");
// ok: js.electron.insecure-command-line-switch
app.commandLine.appendSwitch('enable-features', 'SharedArrayBuffer');
// ok: js.electron.insecure-command-line-switch
app.commandLine.appendSwitch('force-device-scale-factor', '1');
// ok: js.electron.insecure-command-line-switch
app.commandLine.hasSwitch('no-sandbox');

const legacy = new BrowserWindow({
  webPreferences: {
    // ruleid: js.electron.risky-web-preferences
    enableRemoteModule: true,
    // ruleid: js.electron.risky-web-preferences
    enableBlinkFeatures: 'ExecCommandInJavaScript',
    // ok: js.electron.risky-web-preferences
    spellcheck: true,
  },
});
// ok: js.electron.risky-web-preferences
const modern = new BrowserWindow({ webPreferences: { enableRemoteModule: false, preload: 'p.js' } });
// ruleid: js.electron.risky-web-preferences
const view = { webPreferences: { contextIsolation: true, enableRemoteModule: true } };
// ok: js.electron.risky-web-preferences
const notElectron = { enableBlinkFeatures: 'X' };

// ruleid: js.runtime.ajv-untrusted-data-options
const ajvAll = new Ajv({ allErrors: true, strict: true });
// ruleid: js.runtime.ajv-untrusted-data-options
const ajvData = new Ajv.default({ $data: true });
// ok: js.runtime.ajv-untrusted-data-options
const ajvPlain = new Ajv({ strict: true, removeAdditional: 'all' });
// ok: js.runtime.ajv-untrusted-data-options
const ajvOff = new Ajv({ allErrors: false });
// ok: js.runtime.ajv-untrusted-data-options
const linter = new ESLint({ allErrors: true });

const proto = grpc.loadPackageDefinition(def);
// ruleid: js.runtime.grpc-insecure-channel
const remote = new proto.orders.Orders('orders.internal.example.com:50051', grpc.credentials.createInsecure());
const server = new grpc.Server();
// ruleid: js.runtime.grpc-insecure-channel
server.bindAsync('0.0.0.0:50051', grpc.ServerCredentials.createInsecure(), () => server.start());
// ok: js.runtime.grpc-insecure-channel
const local = new proto.orders.Orders('localhost:50051', grpc.credentials.createInsecure());
// ok: js.runtime.grpc-insecure-channel
const unix = new proto.orders.Orders('unix:///run/orders.sock', grpc.credentials.createInsecure());
// ok: js.runtime.grpc-insecure-channel
const secure = new proto.orders.Orders('orders.example.com:443', grpc.credentials.createSsl());
// ok: js.runtime.grpc-insecure-channel
const hidden = notGrpc.createInsecure();
// ok: js.runtime.grpc-insecure-channel
server.bindAsync('127.0.0.1:50051', grpc.ServerCredentials.createInsecure(), () => server.start());

function runPlugin(code, api) {
  // ruleid: js.runtime.vm-used-as-sandbox
  const out = vm.runInNewContext(code, { api }, { timeout: 50 });
  // ruleid: js.runtime.vm-used-as-sandbox
  const ctx = vm.createContext({ api }, { codeGeneration: { strings: false, wasm: false } });
  const script = new vm.Script(code);
  // ruleid: js.runtime.vm-used-as-sandbox
  script.runInContext(ctx, { timeout: 100, breakOnSigint: true });
  // ok: js.runtime.vm-used-as-sandbox
  const plain = vm.runInNewContext('1 + 1', {}, { filename: 'x.js' });
  // ok: js.runtime.vm-used-as-sandbox
  const ctx2 = vm.createContext({});
  // ok: js.runtime.vm-used-as-sandbox
  queue.runInContext(ctx2, { retries: 3 });
  return [out, ctx, plain];
}

// ruleid: js.runtime.broken-sandbox-package
const { VM } = require('vm2');
// ruleid: js.runtime.broken-sandbox-package
const safeEval = require('safe-eval');
// ok: js.runtime.broken-sandbox-package
const ivm = require('isolated-vm');
// ok: js.runtime.broken-sandbox-package
const vm2like = require('vm2-compat-docs');

const PINNED = 'AB:CD';
module.exports = { legacyBuffers, debugServer, startChild, createWindow, ready, legacy, modern, view, notElectron, ajvAll, ajvData, ajvPlain, ajvOff, remote, local, unix, secure, runPlugin, VM, safeEval, ivm, vm2like };
