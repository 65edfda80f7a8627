export function isTrustedHost(hostname: string): boolean {
  return hostname === 'mycompany.com' || hostname.endsWith('.mycompany.com');
}
