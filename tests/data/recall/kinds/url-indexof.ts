export function isTrustedOrigin(origin: string): boolean {
  return origin.indexOf('mycompany.com') !== -1;
}
