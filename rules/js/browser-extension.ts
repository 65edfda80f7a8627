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
