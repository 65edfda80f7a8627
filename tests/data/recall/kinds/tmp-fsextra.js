const fse = require('fs-extra');
const os = require('os');
const path = require('path');
async function saveState(state) {
  const file = path.join(os.tmpdir(), 'myext-state.json');
  await fse.outputFile(file, JSON.stringify(state));
}
module.exports = saveState;
