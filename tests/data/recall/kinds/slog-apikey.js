const config = require('./config');
function start() {
  console.info('starting with config', config.apiKey);
}
module.exports = start;
