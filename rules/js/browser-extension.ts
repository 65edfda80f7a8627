// Tests for browser-extension.yaml in TypeScript (@types/chrome shapes).
type RunRequest = { tabId: number; snippet: string };

export async function run({ tabId, snippet }: RunRequest): Promise<void> {
  // ruleid: js.extension.dynamic-code-in-page
  chrome.tabs.executeScript(tabId, { code: snippet as string });
  // ok: js.extension.dynamic-code-in-page
  chrome.tabs.executeScript(tabId, { file: 'content.js' } satisfies chrome.tabs.InjectDetails);
  // ok: js.extension.dynamic-code-in-page
  await chrome.scripting.executeScript({ target: { tabId }, func: (s: string) => console.log(s), args: [snippet] });
}

export function evalInPage(expression: string): Promise<unknown> {
  return new Promise((resolve) => {
    // ruleid: js.extension.dynamic-code-in-page
    chrome.devtools.inspectedWindow.eval<unknown>(expression, (result) => resolve(result));
    // ok: js.extension.dynamic-code-in-page
    chrome.devtools.inspectedWindow.eval<string>(`document.title`, (t) => resolve(t));
  });
}

export async function preview(id: string, code: string): Promise<void> {
  // ruleid: js.extension.dynamic-code-in-page
  await chrome.userScripts.execute({ target: { tabId: 1 }, js: [{ code: code.trim() }] });
  // ok: js.extension.dynamic-code-in-page
  await chrome.userScripts.update([{ id, js: [{ file: `scripts/${id}.js` }] }]);
}

// --- messages from other extensions and sites (typed) ----------------------------

interface ExternalRequest {
  action: 'open' | 'store';
  url?: string;
}

const PARTNER_IDS: ReadonlySet<string> = new Set(['abcdefghijklmnopabcdefghijklmnop']);

// ruleid: js.extension.external-message-no-sender-check
chrome.runtime.onMessageExternal.addListener(
  (request: ExternalRequest, _sender: chrome.runtime.MessageSender, sendResponse: (r: unknown) => void) => {
    if (request.action === 'open' && request.url) {
      void chrome.tabs.create({ url: request.url });
    }
    sendResponse({ ok: true });
  },
);

// ruleid: js.extension.external-message-no-sender-check
chrome.runtime.onMessageExternal.addListener(async (request: ExternalRequest): Promise<void> => {
  await chrome.storage.local.set({ last: request.url ?? '' });
});

// ruleid: js.extension.external-message-no-sender-check
chrome.runtime.onConnectExternal.addListener((port: chrome.runtime.Port): void => {
  port.onMessage.addListener((m: ExternalRequest) => void chrome.storage.local.set({ m }));
});

// ok: js.extension.external-message-no-sender-check
chrome.runtime.onMessageExternal.addListener(
  (request: ExternalRequest, sender: chrome.runtime.MessageSender, sendResponse: (r: unknown) => void) => {
    if (!sender.id || !PARTNER_IDS.has(sender.id)) {
      sendResponse({ error: 'unknown sender' });
      return;
    }
    sendResponse({ ok: request.action === 'store' });
  },
);

// ok: js.extension.external-message-no-sender-check
chrome.runtime.onMessageExternal.addListener(function (request: ExternalRequest, sender: chrome.runtime.MessageSender) {
  if (sender.origin !== 'https://app.example.com') return false;
  return request.action === 'store';
});

// ok: js.extension.external-message-no-sender-check
chrome.runtime.onConnectExternal.addListener((port: chrome.runtime.Port) => {
  if (!PARTNER_IDS.has(port.sender?.id ?? '')) {
    port.disconnect();
    return;
  }
  port.onMessage.addListener((m: ExternalRequest) => void chrome.storage.local.set({ m }));
});
