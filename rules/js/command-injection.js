// Tests for command-injection.yaml.
const cp = require('child_process');
const path = require('path');
const { quote } = require('shell-quote');
const { exec, execSync, spawn } = require('node:child_process');
import { spawnSync as runSync } from 'child_process';
import * as child from 'node:child_process';

const STATUS = 'git status';
// Strings made only of constants count as literals (constant propagation).
const GIT = 'git';
const LOG = GIT + ' log --oneline';
const SHOW = `${GIT} show ${'HEAD'}`;
let MUTABLE = 'git status';

function cases(file, branch, re, text, proc) {
  // ruleid: js.command-injection.exec-non-literal
  cp.exec('git log ' + branch, () => {});
  // ruleid: js.command-injection.exec-non-literal
  execSync(`tar xzf ${file}`);
  // ruleid: js.command-injection.exec-non-literal
  require('child_process').exec(file);
  // ruleid: js.command-injection.exec-non-literal
  exec(["rm", "-rf", file].join(" "));
  // ruleid: js.command-injection.exec-non-literal
  child.execSync(branch);
  // ok: js.command-injection.exec-non-literal
  cp.exec('git status', () => {});
  // One value in the command, quoted by shell-quote or made a number.
  // ok: js.command-injection.exec-non-literal
  cp.exec('git log ' + quote([branch]), () => {});
  // ok: js.command-injection.exec-non-literal
  execSync(`kill -TERM ${parseInt(proc.pid, 10)}`);
  // ok: js.command-injection.exec-non-literal
  execSync('renice 10 -p ' + Number(proc.pid) + ' >/dev/null');
  // A second value, or a call that quotes nothing, still counts.
  // ruleid: js.command-injection.exec-non-literal
  cp.exec('git log ' + quote([branch]) + ' -- ' + file, () => {});
  // ruleid: js.command-injection.exec-non-literal
  execSync(`kill -TERM ${parseInt(proc.pid, 10)} ${text}`);
  // ruleid: js.command-injection.exec-non-literal
  execSync('tar xzf ' + path.resolve(file));
  // ok: js.command-injection.exec-non-literal
  execSync(`npm --version`);
  // ok: js.command-injection.exec-non-literal
  re.exec(text);
  // ok: js.command-injection.exec-non-literal
  cp.execFile('git', ['log', branch]);
  // ok: js.command-injection.exec-non-literal
  /ab+c/.exec(text);
  // ok: js.command-injection.exec-non-literal
  cp.exec(STATUS);
  // ok: js.command-injection.exec-non-literal
  proc.exec(file);
  // ok: js.command-injection.exec-non-literal
  cp.exec(LOG);
  // ok: js.command-injection.exec-non-literal
  execSync(SHOW);
  // ok: js.command-injection.exec-non-literal
  execSync(`${LOG} -n 5`);
  // ruleid: js.command-injection.exec-non-literal
  cp.exec(MUTABLE);
  const withInput = `${GIT} log ${branch}`;
  // ruleid: js.command-injection.exec-non-literal
  execSync(withInput);
  // ruleid: js.command-injection.exec-non-literal
  cp.exec(GIT + ' ' + branch);

  // ruleid: js.command-injection.spawn-shell-true
  spawn(file, [branch], { cwd: '/tmp', shell: true });
  // ruleid: js.command-injection.spawn-shell-true
  runSync(`git ${branch}`, { shell: true });
  // ruleid: js.command-injection.spawn-shell-true
  cp.execFile(file, [], { shell: true }, () => {});
  // ok: js.command-injection.spawn-shell-true
  spawn(file, [branch], { cwd: '/tmp' });
  // ok: js.command-injection.spawn-shell-true
  spawn('ls', { shell: true });
  // ok: js.command-injection.spawn-shell-true
  other.spawn(file, { shell: true });

  // ruleid: js.command-injection.spawn-sh-c
  spawn('sh', ['-c', text]);
  // ruleid: js.command-injection.spawn-sh-c
  child.spawnSync("/bin/bash", ["-c", `run ${file}`], { stdio: 'inherit' });
  // ruleid: js.command-injection.spawn-sh-c
  cp.execFile('zsh', ['-c', text], () => {});
  // ok: js.command-injection.spawn-sh-c
  spawn('node', ['-c', text]);
  // ok: js.command-injection.spawn-sh-c
  spawn('sh', ['script.sh', text]);
  // ok: js.command-injection.spawn-sh-c
  spawn('shell', ['-c', text]);
}

module.exports = cases;
