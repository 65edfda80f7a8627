// Second hop of the cross-file test: runShell is called from git.blame with
// a command that holds req.query.file from server.js.
const cp = require('child_process');

function runShell(command) {
  return new Promise((resolve, reject) => {
    // ruleid: js.taint.command-injection
    cp.exec(command, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

module.exports = { runShell };
