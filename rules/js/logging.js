// Tests for logging.yaml.
const winston = require('winston');
const logger = winston.createLogger({});

function cases(req, config, user, token, tokens, password, accessToken) {
  const { username } = req.body;
  // ruleid: js.log.sensitive-data
  console.log('login', username, req.body.password);
  // ruleid: js.log.sensitive-data
  console.info('starting with config', config.apiKey);
  // ruleid: js.log.sensitive-data
  logger.debug(`got access token ${accessToken}`);
  // ruleid: js.log.sensitive-data
  logger.info('password reset to ' + password);
  // ruleid: js.log.sensitive-data
  this.logger.warn('creds', { user: username, secret: config.clientSecret });
  // ruleid: js.log.sensitive-data
  console.error('bad key', user.privateKey);

  // ok: js.log.sensitive-data
  console.log('login', username);
  // ok: js.log.sensitive-data
  logger.debug('access token refreshed', { length: accessToken.length });
  // ok: js.log.sensitive-data
  console.log('next token', token);
  // ok: js.log.sensitive-data
  console.log(tokens);
  // ok: js.log.sensitive-data
  logger.info('password reset for ' + username);
  // ok: js.log.sensitive-data
  logger.info('key', mask(config.apiKey));
  // ok: js.log.sensitive-data
  cache.set('password', password);
  // ok: js.log.sensitive-data
  console.log('password changed');
}
function storage(form, user, theme) {
  // ruleid: js.web.secret-in-web-storage
  localStorage.setItem('password', form.password);
  // ruleid: js.web.secret-in-web-storage
  window.sessionStorage.setItem(`${user}.apiKey`, form.key);
  // ruleid: js.web.secret-in-web-storage
  localStorage.clientSecret = form.secret;
  // ruleid: js.web.secret-in-web-storage
  sessionStorage['credit-card'] = form.card;
  // ok: js.web.secret-in-web-storage
  localStorage.setItem('theme', theme);
  // ok: js.web.secret-in-web-storage
  localStorage.removeItem('password');
  // ok: js.web.secret-in-web-storage
  const saved = localStorage.getItem('apiKey');
  // ok: js.web.secret-in-web-storage
  cache.setItem('password', form.password);
  // ok: js.web.secret-in-web-storage
  localStorage.setItem('rememberUsername', user);
  return saved;
}
module.exports = { cases, storage };
