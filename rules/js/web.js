// Tests for web.yaml.
const fs = require('fs');
const path = require('path');
import { readFile } from 'node:fs/promises';
import { readFile as loadFile } from 'node:fs/promises';
import * as fse from 'fs-extra';
const session = require('express-session');
const cookieSession = require('cookie-session');

function routes(app, root) {
  app.get('/go', (req, res) => {
    // ruleid: js.web.open-redirect
    res.redirect(req.query.next);
    // ruleid: js.web.open-redirect
    res.redirect(302, req.body.url);
    // ruleid: js.web.open-redirect
    res.redirect(req.get('Referer'));
    // ok: js.web.open-redirect
    res.redirect('/home');
    // ok: js.web.open-redirect
    res.redirect(allowed[req.query.to] || '/');
    // ok: js.web.open-redirect
    router.redirect('/a', '/b');
    // ruleid: js.web.open-redirect
    res.writeHead(302, { Location: req.query.to });
    // ruleid: js.web.open-redirect
    res.location(req.query.back).end();
    // ok: js.web.open-redirect
    res.writeHead(302, { Location: '/login' });
  });
  app.get('/h', (req, res) => {
    // ruleid: js.web.header-injection
    res.setHeader('Content-Disposition', req.query.name);
    // ruleid: js.web.header-injection
    res.set('X-User', req.headers['x-user']);
    // ruleid: js.web.header-injection
    res.header('Location', req.params.target);
    // ok: js.web.header-injection
    res.setHeader('Content-Type', 'text/plain');
    // ok: js.web.header-injection
    res.set('X-Id', String(Number(req.query.id)));
    // ok: js.web.header-injection
    map.set('k', req.query.v);
  });
  app.get('/c', (req, res) => {
    // ruleid: js.web.insecure-cookie
    res.cookie('sid', token, { secure: false });
    // ruleid: js.web.insecure-cookie
    res.cookie('sid', token, { httpOnly: false, secure: true });
    // ruleid: js.web.insecure-cookie
    app.use(session({ cookie: {}, secure: false }));
    // ok: js.web.insecure-cookie
    res.cookie('sid', token, { secure: true, httpOnly: true, sameSite: 'lax' });
    // ok: js.web.insecure-cookie
    res.cookie('theme', 'dark');
    // ok: js.web.insecure-cookie
    res.json({ secure: false });
    // ruleid: js.web.insecure-cookie
    ctx.cookies.set('token', token, { httpOnly: false });
    // ok: js.web.insecure-cookie
    ctx.cookies.set('token', token, { httpOnly: true, secure: true });
    // ok: js.web.insecure-cookie
    ctx.state.set('x', { secure: false });
    // ruleid: js.web.insecure-cookie
    app.use(session({ secret: key, cookie: { maxAge: 1000, httpOnly: false } }));
    // ruleid: js.web.insecure-cookie
    app.use(cookieSession({ name: 'sid', keys, 'secure': false }));
    // ok: js.web.insecure-cookie
    app.use(session({ secret: key, cookie: { secure: true, httpOnly: true } }));
  });
  app.get('/f', (req, res) => {
    // ruleid: js.path-traversal.request-path
    fs.readFile(req.query.file, () => {});
    // ruleid: js.path-traversal.request-path
    res.sendFile(path.join(root, req.params.name));
    // ruleid: js.path-traversal.request-path
    fs.createWriteStream(`${root}/${req.body.name}`);
    // ok: js.path-traversal.request-path
    fs.readFile(path.join(root, 'index.html'), () => {});
    // ok: js.path-traversal.request-path
    res.sendFile(safePath(root, name));
    // ok: js.path-traversal.request-path
    res.json(req.query.file);
    // ruleid: js.path-traversal.request-path
    readFile(req.query.file);
    // ruleid: js.path-traversal.request-path
    fse.outputFile(path.join(req.body.dir, 'x'), 'data').then(() => fse.remove(root));
    // ruleid: js.path-traversal.request-path
    const p = path.resolve(req.query.dir);
    // ok: js.path-traversal.request-path
    Promise.resolve(req.query.file);
    // todoruleid: js.path-traversal.request-path
    loadFile(req.query.file);
  });
}

function unzip(zip, dir) {
  zip.on('entry', (entry) => {
    // ruleid: js.path-traversal.archive-extract
    entry.pipe(fs.createWriteStream(path.join(dir, entry.path)));
    // ruleid: js.path-traversal.archive-extract
    fs.writeFileSync(dir + '/' + entry.fileName, entry.data);
    // ruleid: js.path-traversal.archive-extract
    fs.mkdirSync(path.resolve(dir, entry.entryName));
    // ok: js.path-traversal.archive-extract
    fs.writeFileSync(safeJoin(dir, name), data);
    // ok: js.path-traversal.archive-extract
    fs.writeFileSync(path.join(dir, 'manifest.json'), entry.data);
    // ok: js.path-traversal.archive-extract
    console.log(entry.path);
    // ruleid: js.path-traversal.archive-extract
    require('fs-extra').outputFileSync(path.join(dir, header.name), entry.data);
  });
}
function reflection(app, actions, ALLOWED) {
  app.post('/run', (req, res) => {
    // ruleid: js.web.unsafe-reflection
    const a = actions[req.body.action](req.body.args);
    // ruleid: js.web.unsafe-reflection
    this[req.params.method].call(this, req.body);
    // ruleid: js.web.unsafe-reflection
    const s = new shapes[req.query.type](1);
    const name = req.body.op;
    // ruleid: js.web.unsafe-reflection
    actions[name].apply(null, []);
    // ok: js.web.unsafe-reflection
    const p = prices[req.query.item];
    // ok: js.web.unsafe-reflection
    const b = actions[req.body.action];
    // ok: js.web.unsafe-reflection
    const c = handlers.get(req.body.action)(req.body.args);
    if (ALLOWED.includes(name)) {
      // ok: js.web.unsafe-reflection
      actions[name](req.body.args);
    }
    // ok: js.web.unsafe-reflection
    const d = list[i](req.body.args);
    res.json({ a, s, p, b, c, d });
  });
  app.post('/safe', (req, res) => {
    const op = req.body.op;
    if (!ALLOWED.includes(op)) return res.status(400).end();
    // ok: js.web.unsafe-reflection
    res.json(actions[op](req.body.args));
  });
}
module.exports = { routes, unzip, reflection };
