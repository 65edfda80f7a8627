const fs = require('fs');
function publish(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o777);
}
module.exports = { publish };
