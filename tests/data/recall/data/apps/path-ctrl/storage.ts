import { readFile } from 'fs/promises';
import path from 'path';

const REPORTS = '/var/reports';

export async function readReport(name: string): Promise<string> {
  return readFile(path.join(REPORTS, name), 'utf8');
}
