// Tests for filesystem.yaml.
const fs = require('fs');
const { chmodSync: setMode, writeFileSync } = require('node:fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const crypto = require('crypto');

function modes(file, dir, fd, data, mode) {
  // ruleid: js.fs.permissive-mode
  fs.chmodSync(file, 0o777);
  // ruleid: js.fs.permissive-mode
  setMode(file, 0o666);
  // ruleid: js.fs.permissive-mode
  fs.chmod(dir, '777', () => {});
  // ruleid: js.fs.permissive-mode
  fs.mkdirSync(dir, { recursive: true, mode: 0o777 });
  // ruleid: js.fs.permissive-mode
  writeFileSync(file, data, { encoding: 'utf8', mode: 0o666 });
  // ruleid: js.fs.permissive-mode
  fsp.writeFile(file, data, { mode: 0o662 });
  // ruleid: js.fs.permissive-mode
  fs.promises.mkdir(dir, { mode: 511 });
  // ruleid: js.fs.permissive-mode
  fs.openSync(file, 'w', 0o646);
  // ruleid: js.fs.permissive-mode
  fs.fchmod(fd, 0777, () => {});
  // ruleid: js.fs.permissive-mode
  process.umask(0);
  // ruleid: js.fs.permissive-mode
  process.umask(0o000);
  // ruleid: js.fs.permissive-mode
  process.umask('0770');

  // ok: js.fs.permissive-mode
  fs.chmodSync(file, 0o600);
  // ok: js.fs.permissive-mode
  setMode(file, 0o755);
  // ok: js.fs.permissive-mode
  fs.chmod(dir, '644', () => {});
  // ok: js.fs.permissive-mode
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // ok: js.fs.permissive-mode
  writeFileSync(file, data, { mode: 0o644 });
  // ok: js.fs.permissive-mode
  fsp.writeFile(file, data, { mode });
  // ok: js.fs.permissive-mode
  fs.openSync(file, 'w', 0o600);
  // ok: js.fs.permissive-mode
  fs.chmodSync(file, mode);
  // ok: js.fs.permissive-mode
  process.umask(0o022);
  // ok: js.fs.permissive-mode
  process.umask(0o077);
  // ok: js.fs.permissive-mode
  process.umask();
  // ok: js.fs.permissive-mode
  other.chmodSync(file, 0o777);
}

function temp(data, name) {
  // ruleid: js.fs.predictable-temp-file
  fs.writeFileSync(path.join(os.tmpdir(), 'report.json'), data);
  const lock = os.tmpdir() + '/app-' + process.pid + '.lock';
  // ruleid: js.fs.predictable-temp-file
  fs.writeFileSync(lock, String(Date.now()));
  // ruleid: js.fs.predictable-temp-file
  fs.createWriteStream('/tmp/debug.log', { flags: 'a' });
  const script = `${os.tmpdir()}/run-${Date.now()}.sh`;
  // ruleid: js.fs.predictable-temp-file
  fsp.writeFile(script, data, { mode: 0o700 });
  let cache = path.join(os.tmpdir(), 'cache', 'index.json');
  // ruleid: js.fs.predictable-temp-file
  fs.appendFile(cache, data, () => {});

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  // ok: js.fs.predictable-temp-file
  fs.writeFileSync(path.join(dir, 'report.json'), data);
  // ok: js.fs.predictable-temp-file
  fs.writeFileSync(path.join(os.tmpdir(), `stash-${crypto.randomUUID()}.json`), data, { flag: 'wx' });
  // ok: js.fs.predictable-temp-file
  fs.writeFileSync(path.join(os.tmpdir(), name), data);
  // ok: js.fs.predictable-temp-file
  fs.readFileSync(path.join(os.tmpdir(), 'report.json'));
  // ok: js.fs.predictable-temp-file
  fs.writeFileSync(path.join(__dirname, 'report.json'), data);
  const mine = path.join(os.homedir(), '.cache', 'x.json');
  // ok: js.fs.predictable-temp-file
  fs.writeFileSync(mine, data);
  // ok: js.fs.predictable-temp-file
  fs.createWriteStream('/var/log/app/debug.log');
}
module.exports = { modes, temp };
