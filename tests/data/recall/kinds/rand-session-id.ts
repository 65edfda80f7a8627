export function newSessionId(): string {
  const sessionId = Math.floor(Math.random() * 1e16).toString(16);
  return sessionId;
}
