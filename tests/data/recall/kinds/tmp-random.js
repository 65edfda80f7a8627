const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
function stash(data) {
  const file = path.join(os.tmpdir(), `stash-${crypto.randomUUID()}.json`);
  fs.writeFileSync(file, data, { flag: 'wx', mode: 0o600 });
  return file;
}
module.exports = stash;
