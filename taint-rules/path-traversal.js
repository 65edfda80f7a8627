// Tests for path-traversal.yaml (js.taint.path-traversal).
const express = require('express');
const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');
const { ipcMain } = require('electron');

const app = express();
const ROOT = path.resolve(__dirname, 'public');

app.get('/file', (req, res) => {
  // ruleid: js.taint.path-traversal
  res.send(fs.readFileSync(req.query.name, 'utf8'));
});

app.get('/join', (req, res) => {
  // path.join does not stop ../
  const p = path.join(ROOT, req.query.name);
  // ruleid: js.taint.path-traversal
  fs.createReadStream(p).pipe(res);
});

app.post('/save', async (req, res) => {
  const { filename, content } = req.body;
  // ruleid: js.taint.path-traversal
  await fsp.writeFile(`/srv/uploads/${filename}`, content);
  // The content is no path: writing tainted data to a fixed file is fine.
  // ok: js.taint.path-traversal
  await fsp.writeFile('/srv/uploads/last.txt', content);
  res.end();
});

app.get('/callback', (req, res) => {
  // ruleid: js.taint.path-traversal
  fs.readFile(path.resolve(ROOT, req.params.page), 'utf8', (err, data) => res.send(data));
});

app.delete('/file', (req, res) => {
  // ruleid: js.taint.path-traversal
  fs.unlinkSync(ROOT + '/' + req.body.name);
  res.end();
});

app.get('/download', (req, res) => {
  // ruleid: js.taint.path-traversal
  res.download(path.join(ROOT, req.query.file));
});

// --- sanitizers ---------------------------------------------------------------

app.get('/basename', (req, res) => {
  // ok: js.taint.path-traversal
  res.send(fs.readFileSync(path.join(ROOT, path.basename(req.query.name))));
});

app.get('/checked', (req, res) => {
  const p = path.resolve(ROOT, req.query.name);
  if (p.startsWith(ROOT + path.sep)) {
    // ok: js.taint.path-traversal
    return res.send(fs.readFileSync(p));
  }
  res.status(403).end();
});

app.get('/page/:n', (req, res) => {
  // ok: js.taint.path-traversal
  res.send(fs.readFileSync(path.join(ROOT, `page-${parseInt(req.params.n, 10)}.html`)));
});

app.get('/overwritten', (req, res) => {
  let name = req.query.name;
  name = 'index.html';
  // ok: js.taint.path-traversal
  res.send(fs.readFileSync(path.join(ROOT, name)));
});

// --- cross-function -------------------------------------------------------------

function userDir(req) {
  return path.join('/home/data', req.params.user);
}

function safeName(name) {
  return path.basename(name);
}

app.get('/u/:user/list', (req, res) => {
  // ruleid: js.taint.path-traversal
  res.json(fs.readdirSync(userDir(req)));
});

app.get('/u/:user/avatar', (req, res) => {
  // ok: js.taint.path-traversal
  res.send(fs.readFileSync(path.join('/home/data/avatars', safeName(req.params.user))));
});

// --- Electron, argv ------------------------------------------------------------------

ipcMain.handle('read-note', async (event, notePath) => {
  // ruleid: js.taint.path-traversal
  return fs.promises.readFile(notePath, 'utf8');
});

// ruleid: js.taint.path-traversal
fs.writeFileSync(process.argv[2], 'report');

module.exports = app;

// --- sendFile with options, static roots, archive targets ----------------------------

const AdmZip = require('adm-zip');
const tar = require('tar');
const unzipper = require('unzipper');

app.get('/doc', (req, res) => {
  // ruleid: js.taint.path-traversal
  res.sendFile(path.join(ROOT, req.query.name), { maxAge: 3600 });
  // ruleid: js.taint.path-traversal
  res.sendFile(req.query.name, (err) => err && res.status(404).end());
  // With root, send refuses names that climb out of it.
  // ok: js.taint.path-traversal
  res.sendFile(req.query.name, { root: ROOT });
  // ok: js.taint.path-traversal
  res.sendFile(path.basename(req.query.name), { maxAge: 3600 });
});

app.use('/assets', (req, res, next) =>
  // ruleid: js.taint.path-traversal
  express.static(req.query.theme)(req, res, next));
// ok: js.taint.path-traversal
app.use('/static', express.static(path.join(__dirname, 'static')));

app.post('/unpack', (req, res) => {
  const zip = new AdmZip(req.body.archive);
  // ruleid: js.taint.path-traversal
  zip.extractAllTo(req.body.dest, true);
  // ruleid: js.taint.path-traversal
  tar.x({ file: 'upload.tgz', cwd: req.body.dest });
  // ruleid: js.taint.path-traversal
  fs.createReadStream('upload.zip').pipe(unzipper.Extract({ path: req.body.dest }));
  // ok: js.taint.path-traversal
  zip.extractAllTo(path.join(ROOT, 'uploads'), true);
  // ok: js.taint.path-traversal
  tar.x({ file: 'upload.tgz', cwd: path.join(ROOT, path.basename(req.body.dest)) });
  // ok: js.taint.path-traversal
  fs.createReadStream('upload.zip').pipe(unzipper.Extract({ path: ROOT }));
  res.end();
});

// --- directories, renames, copies, fs-extra; guards that leave ----------------------

const fse = require('fs-extra');

app.post('/move', async (req, res) => {
  const { from, to } = req.body;
  // ruleid: js.taint.path-traversal
  fs.renameSync(path.join(ROOT, 'inbox', 'a.txt'), path.join(ROOT, to));
  // ok: js.taint.path-traversal
  fs.renameSync(path.join(ROOT, 'inbox', 'a.txt'), path.join(ROOT, 'done', path.basename(to)));
  // ruleid: js.taint.path-traversal
  fs.mkdirSync(path.join(ROOT, from), { recursive: true });
  // ok: js.taint.path-traversal
  fs.mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
  // ruleid: js.taint.path-traversal
  await fsp.copyFile(from, path.join(ROOT, 'copy.txt'));
  // ruleid: js.taint.path-traversal
  await fs.promises.symlink('/etc/passwd', to);
  // ruleid: js.taint.path-traversal
  await fse.outputFile(path.join(ROOT, to), req.body.text);
  // ok: js.taint.path-traversal
  await fse.outputFile(path.join(ROOT, 'notes.txt'), req.body.text);
  // ruleid: js.taint.path-traversal
  await fse.copy(path.join(ROOT, 'template'), to);
  // ok: js.taint.path-traversal
  await fse.copy(path.join(ROOT, 'template'), path.join(ROOT, 'sites', String(Number(to))));
  res.end();
});

app.get('/guarded', (req, res) => {
  const p = path.resolve(ROOT, req.query.name);
  if (!p.startsWith(ROOT + path.sep)) return res.status(403).end();
  // ok: js.taint.path-traversal
  res.send(fs.readFileSync(p));
});

app.get('/guarded-throw', (req, res) => {
  const p = path.resolve(ROOT, req.query.name);
  if (!p.startsWith(ROOT + path.sep)) throw new Error('outside the root');
  // ok: js.taint.path-traversal
  res.send(fs.readFileSync(p));
});

app.get('/guard-logs', (req, res) => {
  const p = path.resolve(ROOT, req.query.name);
  // The check does not leave: the read still happens.
  if (!p.startsWith(ROOT + path.sep)) console.warn('outside the root', p);
  // ruleid: js.taint.path-traversal
  res.send(fs.readFileSync(p));
});

app.get('/page/:name', (req, res) => {
  // ruleid: js.taint.path-traversal
  res.render(req.params.name);
  // ruleid: js.taint.path-traversal
  res.render('pages/' + req.params.name, { title: 'x' });
  // ok: js.taint.path-traversal
  res.render('pages/' + path.basename(req.params.name));
  // ok: js.taint.path-traversal
  res.render('page', { name: req.params.name });
});

// multer's diskStorage: the folder and file name handed to cb(null, ...).
const multer = require('multer');
const uploadStorage = multer.diskStorage({
  destination: (req, file, cb) => {
    // ruleid: js.taint.path-traversal
    cb(null, path.join('/srv/uploads', req.body.folder));
  },
  filename: function (req, file, cb) {
    // ruleid: js.taint.path-traversal
    cb(null, file.originalname);
  },
});
const safeStorage = multer.diskStorage({
  destination: (req, file, cb) => {
    // ok: js.taint.path-traversal
    cb(null, '/srv/uploads');
  },
  filename: function (req, file, cb) {
    // ok: js.taint.path-traversal
    cb(null, Date.now() + '-' + path.basename(file.originalname));
  },
});
const userStorage = multer.diskStorage({
  destination: function (req, file, cb) {
    // ruleid: js.taint.path-traversal
    cb(null, '/srv/uploads/' + req.params.user);
  },
  filename: (req, file, cb) => {
    // An error first: no path.
    // ok: js.taint.path-traversal
    cb(new Error(req.body.reason), '');
  },
});
module.exports.uploads = [uploadStorage, safeStorage, userStorage];
