const bunyan = require('bunyan');
const log = bunyan.createLogger({ name: 'auth' });
function login(user, pass) {
  log.info({ user }, 'login with password ' + pass);
}
module.exports = login;
