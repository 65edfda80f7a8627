// Tests for incomplete-checks.yaml (TypeScript).
export function escapeQuotes(value: string): string {
  // ruleid: js.sanitize.replace-first-only
  return value.replace(`"`, '&quot;');
}

export function escapeAll(value: string): string {
  // ok: js.sanitize.replace-first-only
  return value.replace(/"/g, '&quot;');
}

export function isTrusted(event: MessageEvent, allowed: string[]): boolean {
  // ruleid: js.web.incomplete-host-check
  if (event.origin.startsWith('https://app.example.com')) return true;
  // ok: js.web.incomplete-host-check
  if (event.origin === 'https://app.example.com') return true;
  // ok: js.web.incomplete-host-check
  return allowed.includes(event.origin as string);
}
