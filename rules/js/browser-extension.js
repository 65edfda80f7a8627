// Tests for browser-extension.yaml: a background script and a devtools page
// of a Manifest V2 extension, and Manifest V3 user scripts.
const RESET = 'document.body.style.zoom = 1';

function zoom(tabId, level) {
  // ruleid: js.extension.dynamic-code-in-page
  chrome.tabs.executeScript(tabId, { code: 'document.body.style.zoom = ' + level });
  // ok: js.extension.dynamic-code-in-page
  chrome.tabs.executeScript(tabId, { code: 'document.body.style.zoom = 2' });
  // ok: js.extension.dynamic-code-in-page
  chrome.tabs.executeScript(tabId, { code: RESET, runAt: 'document_end' });
  // ok: js.extension.dynamic-code-in-page
  chrome.tabs.executeScript(tabId, { file: 'zoom.js' });
}

async function highlight(selector) {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const code = `document.querySelectorAll(${JSON.stringify(selector)}).forEach(e => e.classList.add('hl'))`;
  // ruleid: js.extension.dynamic-code-in-page
  await browser.tabs.executeScript(tab.id, { allFrames: true, code });
  // ruleid: js.extension.dynamic-code-in-page
  await browser.tabs.executeScript({ code: `console.log(${tab.id})` });
}

// A devtools panel evaluating in the inspected page.
function inspect(expr, done) {
  // ruleid: js.extension.dynamic-code-in-page
  chrome.devtools.inspectedWindow.eval(expr, done);
  // ok: js.extension.dynamic-code-in-page
  chrome.devtools.inspectedWindow.eval('location.href', done);
}

// Manifest V3 user scripts.
function install(source) {
  chrome.userScripts.register([
    {
      id: 'custom',
      matches: ['https://example.com/*'],
      // ruleid: js.extension.dynamic-code-in-page
      js: [{ code: source }],
    },
    {
      id: 'fixed',
      matches: ['https://example.com/*'],
      // ok: js.extension.dynamic-code-in-page
      js: [{ file: 'user.js' }, { code: 'console.log("hi")' }],
    },
  ]);
}

// Not a browser API: an editor's own executeScript.
// ok: js.extension.dynamic-code-in-page
editor.tabs.executeScript(1, { code: userCode });

module.exports = { zoom, highlight, inspect, install };

// --- messages from other extensions and sites ----------------------------------

const FRIEND_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ALLOWED_ORIGINS = ['https://app.example.com'];

// ruleid: js.extension.external-message-no-sender-check
chrome.runtime.onMessageExternal.addListener((request, sender, sendResponse) => {
  if (request.type === 'getCookies') {
    chrome.cookies.getAll({ domain: request.domain }, sendResponse);
    return true;
  }
});

// ruleid: js.extension.external-message-no-sender-check
browser.runtime.onMessageExternal.addListener(async (message) => saveNote(message.text));

// ruleid: js.extension.external-message-no-sender-check
chrome.runtime.onConnectExternal.addListener(function (port) {
  port.onMessage.addListener((msg) => chrome.tabs.create({ url: msg.url }));
});

// ruleid: js.extension.external-message-no-sender-check
chrome.runtime.onMessageExternal.addListener(function (request, sender, reply) {
  console.log('from', sender.id);
  reply(lookup(request.key));
});

// ok: js.extension.external-message-no-sender-check
chrome.runtime.onMessageExternal.addListener((request, sender, sendResponse) => {
  if (sender.id !== FRIEND_ID) return;
  sendResponse(lookup(request.key));
});

// ok: js.extension.external-message-no-sender-check
browser.runtime.onMessageExternal.addListener(function (message, sender) {
  if (!ALLOWED_ORIGINS.includes(sender.origin)) {
    return Promise.resolve({ error: 'forbidden' });
  }
  return saveNote(message.text);
});

// ok: js.extension.external-message-no-sender-check
chrome.runtime.onConnectExternal.addListener((port) => {
  if (port.sender.origin !== ALLOWED_ORIGINS[0]) {
    port.disconnect();
    return;
  }
  port.onMessage.addListener((msg) => saveNote(msg.text));
});

// The sender goes to a handler that checks it.
// ok: js.extension.external-message-no-sender-check
chrome.runtime.onMessageExternal.addListener((m, s, reply) => handleExternal(m, s, reply));

// Messages from the extension's own pages and scripts.
// ok: js.extension.external-message-no-sender-check
chrome.runtime.onMessage.addListener((request, sender, sendResponse) => {
  sendResponse(lookup(request.key));
});
