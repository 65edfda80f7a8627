import { Request, Response } from 'express';
import { exec } from 'child_process';
import { runGit } from './git';

// Handlers defined here, registered in routes.ts.
export async function search({ query }: Request, res: Response) {
  // ruleid: test.sources.web-request
  exec('grep -r ' + query.term);
  res.end();
}

export async function log(req: Request, res: Response) {
  runGit(req.params.branch);
  runGit('main');
  res.end();
}

export function health(_unused: unknown, res: Response) {
  // ok: test.sources.web-request
  exec('uptime');
  res.end();
}
