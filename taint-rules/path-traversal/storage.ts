// Sinks of the cross-file test; server.ts calls each function.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { safeFileName } from './names';

const NOTES = '/srv/notes';

export function readNote(name: string): string {
  // server.ts passes req.params.name.
  // ruleid: js.taint.path-traversal
  return fs.readFileSync(path.join(NOTES, name), 'utf8');
}

export function readAvatar(user: string): Buffer {
  // safeFileName (names.ts) is path.basename.
  // ok: js.taint.path-traversal
  return fs.readFileSync(path.join('/srv/avatars', safeFileName(user) + '.png'));
}

export function writeExport(pages: number): void {
  // ok: js.taint.path-traversal
  fs.writeFileSync(`/srv/exports/export-${pages}.pdf`, '');
}
