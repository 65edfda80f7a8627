const path = require('path');
exports.loadHandler = function (file) {
  return require(path.join(__dirname, 'handlers', path.basename(file)));
};
