const path = require('path');
const fs = require('fs');

const handlers = {};
for (const file of fs.readdirSync(path.join(__dirname, 'handlers'))) {
  if (file.endsWith('.js')) {
    handlers[file.slice(0, -3)] = require(path.join(__dirname, 'handlers', file));
  }
}
module.exports = handlers;
