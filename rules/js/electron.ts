// Tests for electron.yaml, typed code.
import { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

const options: BrowserWindowConstructorOptions = {
  show: false,
  webPreferences: {
    // ruleid: js.electron.insecure-web-preferences
    nodeIntegrationInSubFrames: true,
    // ok: js.electron.insecure-web-preferences
    spellcheck: true,
  },
};

export function open(): BrowserWindow {
  return new BrowserWindow({
    ...options,
    // ok: js.electron.insecure-web-preferences, js.electron.sandbox-disabled
    webPreferences: { contextIsolation: true, sandbox: true },
  });
}

export const legacy = new BrowserWindow({
  // ruleid: js.electron.insecure-web-preferences
  webPreferences: { contextIsolation: false as boolean },
});

// A typed options object handed to the window later (the shape of
// BrowserWindowConstructorOptions).
const unsandboxed: Electron.BrowserWindowConstructorOptions = {
  width: 800,
  // ruleid: js.electron.sandbox-disabled
  webPreferences: { contextIsolation: true, sandbox: false },
};
