// Sanitizer wrapper of the cross-file test.
import { basename } from 'node:path';

export function safeFileName(name: string): string {
  return basename(name);
}
