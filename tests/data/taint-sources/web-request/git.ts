import { exec } from 'child_process';

// Reached from controller.ts with a route parameter; the constant call is no finding.
export function runGit(branch: string) {
  // ruleid: test.sources.web-request
  exec(`git log ${branch}`);
}

export function runFixed(cmd: string) {
  // ok: test.sources.web-request
  exec(cmd);
}
