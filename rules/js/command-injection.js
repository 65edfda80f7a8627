// Tests for command-injection.yaml.
const cp = require('child_process');
const { exec, execSync } = require('node:child_process');

function cases(file, branch, re, text) {
  // ruleid: js.command-injection.exec-non-literal
  cp.exec('git log ' + branch, () => {});
  // ruleid: js.command-injection.exec-non-literal
  execSync(`tar xzf ${file}`);
  // ruleid: js.command-injection.exec-non-literal
  require('child_process').exec(file);
  // ruleid: js.command-injection.exec-non-literal
  exec(["rm", "-rf", file].join(" "));
  // ok: js.command-injection.exec-non-literal
  cp.exec('git status', () => {});
  // ok: js.command-injection.exec-non-literal
  execSync(`npm --version`);
  // ok: js.command-injection.exec-non-literal
  re.exec(text);
  // ok: js.command-injection.exec-non-literal
  cp.execFile('git', ['log', branch]);
  // ok: js.command-injection.exec-non-literal
  /ab+c/.exec(text);
}

module.exports = cases;
