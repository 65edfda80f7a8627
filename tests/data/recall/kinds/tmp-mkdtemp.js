const fs = require('fs');
const os = require('os');
const path = require('path');
function cacheReport(report) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  const file = path.join(dir, 'report.json');
  fs.writeFileSync(file, JSON.stringify(report));
  return file;
}
module.exports = { cacheReport };
