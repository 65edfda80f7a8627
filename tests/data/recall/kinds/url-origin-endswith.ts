export function allowed(origin: string | undefined): boolean {
  return !!origin && origin.endsWith('trusted.com');
}
