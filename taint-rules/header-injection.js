// Tests for header-injection.yaml.
const express = require('express');
const contentDisposition = require('content-disposition');
const app = express();

app.get('/download', (req, res) => {
  // ruleid: js.taint.header-injection
  res.setHeader('Content-Disposition', 'attachment; filename=' + req.query.name);
  // ruleid: js.taint.header-injection
  res.set('X-Trace', req.get('x-trace'));
  // ruleid: js.taint.header-injection
  res.status(200).header('Link', `<${req.body.next}>; rel="next"`);
  // ruleid: js.taint.header-injection
  res.writeHead(200, { 'X-Lang': req.query.lang });

  // ok: js.taint.header-injection
  res.setHeader('Content-Disposition', 'attachment; filename=' + encodeURIComponent(req.query.name));
  // ok: js.taint.header-injection
  res.setHeader('Content-Disposition', contentDisposition(req.query.name));
  // ok: js.taint.header-injection
  res.setHeader('Location', req.query.next);
  // ok: js.taint.header-injection
  res.set('X-Page', parseInt(req.query.page, 10));
  // ok: js.taint.header-injection
  res.set('X-Id', String(req.query.id).replace(/[\r\n]/g, ''));
  // ok: js.taint.header-injection
  cache.set('X-Trace', req.get('x-trace'));
  res.send('ok');
});

module.exports = async (ctx) => {
  // ruleid: js.taint.header-injection
  ctx.set('X-Request-Id', ctx.query.rid);
  // ok: js.taint.header-injection
  ctx.set('X-Request-Id', require('crypto').randomUUID());
  ctx.body = 'ok';
};
