// Sinks for the cross-file test: each function is called from server.js.
const { exec, execSync } = require('child_process');
const util = require('util');
const { runShell } = require('./shell');

const execAsync = util.promisify(exec);

function checkout(branch) {
  // server.js passes req.body.branch.
  // ruleid: js.taint.command-injection
  execSync('git checkout ' + branch);
}

function log(branch) {
  // server.js passes the branch through sanitize.safeArg (shell-quote).
  // ok: js.taint.command-injection
  execSync('git log ' + branch);
}

function status() {
  // ok: js.taint.command-injection
  return execSync('git status --short');
}

async function blame(file) {
  // Two hops: server.js -> blame -> shell.runShell (sink annotated in shell.js).
  return runShell('git blame ' + file);
}

module.exports = { checkout, log, status, blame, execAsync };
