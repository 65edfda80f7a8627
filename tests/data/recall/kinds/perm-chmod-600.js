const fs = require('fs');
function saveKey(file, key) {
  fs.writeFileSync(file, key);
  fs.chmodSync(file, 0o600);
}
module.exports = { saveKey };
