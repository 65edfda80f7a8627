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
