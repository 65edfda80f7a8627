// Tests for log-injection.yaml.
const express = require('express');
const util = require('util');
const { format } = require('node:util');
const log4js = require('log4js');
const logger = log4js.getLogger('app');
const app = express();

app.get('/login', (req, res) => {
  // ruleid: js.taint.log-injection
  console.log('Login attempt for user: ' + req.query.username);
  const { term } = req.body;
  // ruleid: js.taint.log-injection
  logger.info(`search: ${term}`);
  const agent = req.get('User-Agent');
  // ruleid: js.taint.log-injection
  console.info('request from', agent);
  // ruleid: js.taint.log-injection
  this.logger.warn('item not found ' + req.params.name);
  // ruleid: js.taint.log-injection
  req.log.error('bad header ' + req.headers['x-trace']);

  const user = String(req.query.username).replace(/[\r\n]/g, '');
  // ok: js.taint.log-injection
  console.log('Login attempt for user: ' + user);
  // ok: js.taint.log-injection
  logger.info(`search: ${JSON.stringify(term)}`);
  // ok: js.taint.log-injection
  logger.info({ term, agent }, 'search');
  // ok: js.taint.log-injection
  console.log('page', parseInt(req.query.page, 10));
  // ok: js.taint.log-injection
  console.log('request at', new Date().toISOString());
  // ok: js.taint.log-injection
  metrics.info('search ' + term);
  // ok: js.taint.log-injection
  console.log('raw', encodeURIComponent(req.query.q));
  // ok: js.taint.log-injection
  console.log(req.query);
  // ok: js.taint.log-injection
  console.log('GET ' + req.url);
  const keys = req.originalUrl.slice(5).split('@');
  // ok: js.taint.log-injection
  logger.info(`${keys[0]} requested`);
  // ruleid: js.taint.log-injection
  logger.info(`page ${req.params.page} requested`);
  // ok: js.taint.log-injection
  logger.debug('headers', req.headers);
  res.send('ok');
});

app.get('/greet', (req, res) => {
  // ruleid: js.taint.format-string
  const msg = util.format(req.query.template, req.query.name);
  const { event } = req.body;
  // ruleid: js.taint.format-string, js.taint.log-injection
  console.log(event, Date.now());
  // ruleid: js.taint.format-string
  const line = format(req.body.pattern, req.body.count);

  // ok: js.taint.format-string
  const ok = util.format('Hello %s', req.query.name);
  // ok: js.taint.format-string
  console.log('%s at %d', JSON.stringify(event), Date.now());
  // ok: js.taint.format-string
  const alone = util.format(req.query.template);
  // ok: js.taint.format-string
  const fixed = format('%s: %d', line, 3);
  res.type('text/plain').send(msg + ok + alone + fixed);
});
