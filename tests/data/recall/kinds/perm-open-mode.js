const fs = require('fs');
module.exports = function createLog(file) {
  return fs.openSync(file, 'a', 0o666);
};
