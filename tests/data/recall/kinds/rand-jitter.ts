export function backoff(attempt: number): number {
  const jitter = Math.random() * 100;
  return 2 ** attempt * 100 + jitter;
}
