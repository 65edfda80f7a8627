import * as fs from 'fs';
import * as path from 'path';
import * as unzipper from 'unzipper';
import AdmZip from 'adm-zip';
import * as yauzl from 'yauzl';

export async function unpack(zipPath: string, dest: string): Promise<void> {
  const zip = new AdmZip(zipPath);
  for (const entry of zip.getEntries()) {
    const target = path.join(dest, entry.entryName);
    // ruleid: test.sources.archive-entry
    fs.writeFileSync(target, entry.getData());
    // ok: test.sources.archive-entry
    fs.writeFileSync(path.join(dest, path.basename(entry.entryName)), entry.getData());
  }
}

export function unpackStream(src: fs.ReadStream, dest: string): void {
  src.pipe(unzipper.Parse()).on('entry', (entry: unzipper.Entry) => {
    const name: string = entry.path;
    // ruleid: test.sources.archive-entry
    entry.pipe(fs.createWriteStream(path.join(dest, name)));
    // ok: test.sources.archive-entry
    fs.writeFileSync(path.join(dest, 'manifest.json'), entry.type);
  });
}

export function listZip(file: string): void {
  yauzl.open(file, (err: Error | null, zf?: yauzl.ZipFile) => {
    if (!zf) return;
    zf.on('entry', (entry: yauzl.Entry) => {
      // ruleid: test.sources.archive-entry
      fs.writeFileSync(dest(entry.fileName), '');
    });
  });
}
function dest(n: string): string {
  return '/tmp/out/' + n;
}

export function fixed(): void {
  // ok: test.sources.archive-entry
  fs.writeFileSync('/tmp/out/index.json', '{}');
}
