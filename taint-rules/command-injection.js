// Tests for command-injection.yaml (js.taint.command-injection).
const express = require('express');
const cp = require('child_process');
const { exec, execSync, spawn } = require('node:child_process');
const shell = require('shelljs');
const { quote } = require('shell-quote');
const { ipcMain } = require('electron');
const WebSocket = require('ws');

const app = express();
const TOOLS = ['git', 'npm', 'node'];

// --- direct flows -----------------------------------------------------------

app.get('/run', (req, res) => {
  // ruleid: js.taint.command-injection
  exec('git log ' + req.query.branch, () => res.end());
});

app.post('/build', (req, res) => {
  // Destructuring a tainted object taints the bound names.
  const { target } = req.body;
  // ruleid: js.taint.command-injection
  execSync(`make ${target}`);
  res.end();
});

app.get('/alias', (req, res) => {
  // Aliasing: q is req.query.
  const q = req.query;
  // ruleid: js.taint.command-injection
  cp.exec(q.cmd);
  res.end();
});

app.get('/fields', (req, res) => {
  // Field sensitivity: o.user is tainted, o.fixed is not.
  const o = { user: req.query.name, fixed: 'status' };
  // ok: js.taint.command-injection
  exec('git ' + o.fixed);
  // ruleid: js.taint.command-injection
  exec('git ' + o.user);
  res.end();
});

app.get('/shelljs', (req, res) => {
  // ruleid: js.taint.command-injection
  shell.exec('convert ' + req.params.file + ' out.png');
  res.end();
});

app.get('/spawn', (req, res) => {
  // No shell, but git reads options from any argument: a branch named
  // --output=/etc/x writes a file (argument injection).
  // ruleid: js.taint.command-injection
  spawn('git', ['log', req.query.branch]);
  // After '--' it is a path, never an option.
  // ok: js.taint.command-injection
  spawn('git', ['log', '--', req.query.branch]);
  // A program that takes no options from its data argument.
  // ok: js.taint.command-injection
  spawn('grep', ['-F', '--', req.query.branch, 'log.txt']);
  // With shell: true the arguments are joined into a shell command line.
  // ruleid: js.taint.command-injection
  spawn('git', ['log', req.query.branch], { shell: true });
  // The program itself comes from the request.
  // ruleid: js.taint.command-injection
  spawn(req.query.tool, ['--version']);
  res.end();
});

// --- sanitizers, overwrites, constants ---------------------------------------

app.get('/quoted', (req, res) => {
  // ok: js.taint.command-injection
  exec('git log ' + quote([req.query.branch]));
  res.end();
});

app.get('/numeric', (req, res) => {
  const n = parseInt(req.query.lines, 10);
  // ok: js.taint.command-injection
  exec('tail -n ' + n + ' app.log');
  // ok: js.taint.command-injection
  exec(`head -c ${Number(req.query.bytes)} app.log`);
  res.end();
});

app.get('/overwrite', (req, res) => {
  let cmd = req.query.cmd;
  cmd = 'ls';
  // ok: js.taint.command-injection
  exec(cmd);
  res.end();
});

app.get('/allow', (req, res) => {
  const tool = req.query.tool;
  if (TOOLS.includes(tool)) {
    // ok: js.taint.command-injection
    exec(tool + ' --version');
  }
  res.end();
});

app.get('/guard', (req, res) => {
  const tool = req.query.tool;
  if (!TOOLS.includes(tool)) {
    return res.status(400).end();
  }
  // ok: js.taint.command-injection
  execSync(tool + ' --help');
  res.end();
});

app.get('/allow-short', (req, res) => {
  const tool = req.query.tool;
  // An unbraced allow-list check.
  // ok: js.taint.command-injection
  if (TOOLS.includes(tool)) exec(tool + ' --version');
  // ruleid: js.taint.command-injection
  exec(tool + ' --help');
  res.end();
});

app.get('/guard-short', (req, res) => {
  const tool = req.query.tool;
  if (!TOOLS.includes(tool)) return res.status(400).end();
  // ok: js.taint.command-injection
  execSync(tool + ' --help');
  res.end();
});

app.get('/guard-throw', (req, res) => {
  const tool = req.query.tool;
  if (!TOOLS.includes(tool)) throw new Error('unknown tool');
  // ok: js.taint.command-injection
  execSync(tool + ' --help');
  res.end();
});

app.get('/guard-no-exit', (req, res) => {
  const tool = req.query.tool;
  // The check only logs: the command still runs with any value.
  if (!TOOLS.includes(tool)) console.warn('unknown tool', tool);
  // ruleid: js.taint.command-injection
  execSync(tool + ' --help');
  res.end();
});

// ok: js.taint.command-injection
exec('npm --version');

// --- cross-function (same file) ----------------------------------------------

function buildCommand(name) {
  return 'grep -r ' + name + ' .';
}

function runInRepo(command) {
  // Reached from /search with a request value: the sink is in the helper.
  // ruleid: js.taint.command-injection
  execSync(command, { cwd: '/srv/repo' });
}

app.get('/search', (req, res) => {
  runInRepo(buildCommand(req.query.term));
  res.end();
});

function fixedCommand(unused) {
  return 'git status';
}

app.get('/status', (req, res) => {
  // The helper ignores its argument and returns a constant.
  // ok: js.taint.command-injection
  exec(fixedCommand(req.query.x));
  res.end();
});

// --- callbacks, promises -----------------------------------------------------

app.post('/batch', (req, res) => {
  // arr.map(x => sink(x)): the elements of a tainted array.
  // ruleid: js.taint.command-injection
  req.body.files.map((f) => execSync('gzip ' + f));
  res.end();
});

app.post('/raw', (req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    // The body collected from 'data' chunks (tracking body across the two
    // callbacks is the hard part).
    // ruleid: js.taint.command-injection
    exec(body);
    res.end();
  });
});

function lookupBranch(req) {
  return Promise.resolve(req.query.branch);
}

app.get('/promise', (req, res) => {
  // ruleid: js.taint.command-injection
  lookupBranch(req).then((b) => exec('git checkout ' + b));
  res.end();
});

app.get('/await', async (req, res) => {
  const branch = await lookupBranch(req);
  // ruleid: js.taint.command-injection
  exec('git merge ' + branch);
  res.end();
});

// --- other sources: argv, Electron, WebSocket ---------------------------------

// ruleid: js.taint.command-injection
execSync('open ' + process.argv[2]);

ipcMain.on('open-file', (event, filePath) => {
  // ruleid: js.taint.command-injection
  exec(`code "${filePath}"`);
  // ok: js.taint.command-injection
  cp.execFile('code', [filePath]);
});

const wss = new WebSocket.Server({ port: 8080 });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    // ruleid: js.taint.command-injection
    exec(data.toString());
  });
});

// --- fields through functions, classes -------------------------------------

// Returns an object field by field: only `cmd` is tainted.
function jobFrom(query) {
  return { cmd: query.cmd, cwd: '/srv/jobs' };
}

// Writes the parameter's field.
function setCommand(job, cmd) {
  job.command = cmd;
}

app.post('/jobs', (req, res) => {
  const job = jobFrom(req.body);
  // ruleid: js.taint.command-injection
  exec(job.cmd);
  // ok: js.taint.command-injection
  exec('ls ' + job.cwd);
  const slot = { command: 'uptime' };
  // ok: js.taint.command-injection
  exec(slot.command);
  setCommand(slot, req.body.command);
  // ruleid: js.taint.command-injection
  exec(slot.command);
  res.end();
});

class Task {
  constructor(spec) {
    this.script = spec.script;
    this.shell = '/bin/sh';
  }

  get line() {
    return `${this.shell} -c ${this.script}`;
  }

  start() {
    // ruleid: js.taint.command-injection
    exec(this.script);
    // ok: js.taint.command-injection
    execSync(this.shell + ' --version');
  }
}

app.post('/tasks', (req, res) => {
  const task = new Task(req.body);
  task.start();
  // ruleid: js.taint.command-injection
  execSync(task.line);
  res.end();
});

module.exports = app;

// --- cross-spawn, fork, simple-git, ssh arguments -----------------------------------

const crossSpawn = require('cross-spawn');
const { fork } = require('child_process');
const simpleGit = require('simple-git');

app.post('/tools', (req, res) => {
  const { tool, args, host, repo, dir } = req.body;
  // ruleid: js.taint.command-injection
  crossSpawn.sync('npx', ['eslint', args], { shell: true });
  // ok: js.taint.command-injection
  crossSpawn.sync('npx', ['eslint', '--', args]);
  // ruleid: js.taint.command-injection
  fork(tool, ['--serve']);
  // ok: js.taint.command-injection
  fork(require.resolve('./worker.js'), [String(args)]);
  // ruleid: js.taint.command-injection
  cp.execFile('ssh', [host, 'uptime'], () => {});
  // ok: js.taint.command-injection
  cp.execFile('ssh', ['--', host, 'uptime'], () => {});
  const git = simpleGit({ baseDir: '/srv/repos' });
  // ruleid: js.taint.command-injection
  git.clone(repo, dir);
  // ruleid: js.taint.command-injection
  git.raw(['log', '--format=%H', args]);
  // ok: js.taint.command-injection
  git.clone('https://github.com/example/fixed.git', '/srv/repos/fixed');
  // ok: js.taint.command-injection
  git.log({ maxCount: Number(args) });
  res.end();
});

// --- VS Code terminals and tasks -----------------------------------------------------

const vscode = require('vscode');
const { window: vsWindow, ShellExecution, Task, TaskScope } = require('vscode');

function registerPanel(panel) {
  panel.webview.onDidReceiveMessage((msg) => {
    const term = vscode.window.createTerminal('Build');
    // ruleid: js.taint.command-injection
    term.sendText(`npm run ${msg.script}`);
    // ok: js.taint.command-injection
    term.sendText('npm run build');
    // ruleid: js.taint.command-injection
    vsWindow.createTerminal({ name: 'Run' }).sendText(msg.command, true);
    if (TOOLS.includes(msg.tool)) {
      // ok: js.taint.command-injection
      vscode.window.createTerminal().sendText(msg.tool);
    }
  });
}

class Runner {
  constructor() {
    this.terminal = vscode.window.createTerminal('Runner');
  }

  attach(webview) {
    webview.onDidReceiveMessage(async ({ args }) => {
      // ruleid: js.taint.command-injection
      this.terminal.sendText('make ' + args);
      // ok: js.taint.command-injection
      this.terminal.sendText('make ' + Number(args));
    });
  }
}

function taskFor(webview, bot) {
  webview.onDidReceiveMessage((m) => {
    // ruleid: js.taint.command-injection
    const exec1 = new ShellExecution(m.line);
    // ok: js.taint.command-injection
    const exec2 = new ShellExecution('npm test', { cwd: m.cwd });
    // A chat client's sendText is no terminal.
    // ok: js.taint.command-injection
    bot.sendText(m.chatId, m.text);
    return new Task({ type: 'demo' }, TaskScope.Workspace, 'demo', 'demo', exec1 || exec2);
  });
}

// --- util.promisify(exec); options held in a variable -----------------------------

const util = require('util');
const childProcess = require('child_process');
const execAsync = util.promisify(childProcess.exec);

app.get('/lookup', async (req, res) => {
  const name = req.query.name;
  // ruleid: js.taint.command-injection
  const { stdout } = await execAsync('nslookup ' + name);
  // ok: js.taint.command-injection
  const fixed = await execAsync('nslookup example.com');
  const opts = { shell: true };
  // ruleid: js.taint.command-injection
  childProcess.execFile('nslookup', [name], opts, () => {});
  // ok: js.taint.command-injection
  childProcess.execFile('nslookup', [name], { timeout: 1000 }, () => {});
  res.send(stdout + fixed.stdout);
});

// --- Electron: shell.openExternal of a URL a page or a renderer chose ----------------

const { BrowserWindow, shell: desktop } = require('electron');
const win = new BrowserWindow({ width: 800, height: 600 });

win.webContents.setWindowOpenHandler(({ url }) => {
  // A page's window.open('file:///...') or a custom protocol starts a program.
  // ruleid: js.taint.command-injection
  desktop.openExternal(url);
  return { action: 'deny' };
});

win.webContents.setWindowOpenHandler((details) => {
  // ok: js.taint.command-injection
  if (details.url.startsWith('https://')) desktop.openExternal(details.url);
  return { action: 'deny' };
});

win.webContents.on('will-navigate', (event, url) => {
  event.preventDefault();
  if (!url.startsWith('https://')) return;
  // ok: js.taint.command-injection
  desktop.openExternal(url);
});

win.webContents.on('will-navigate', (event, url) => {
  event.preventDefault();
  // ruleid: js.taint.command-injection
  desktop.openExternal(url);
});

ipcMain.handle('open-doc', async (_event, file) => {
  // ruleid: js.taint.command-injection
  await desktop.openPath(file);
  // ok: js.taint.command-injection
  await desktop.openExternal('https://example.com/docs');
});

// A shell given its command line in the argument array.
app.post('/shell-array', (req, res) => {
  // ruleid: js.taint.command-injection
  spawn('sh', ['-c', `convert in.png -resize ${req.body.size} out.png`]);
  // ruleid: js.taint.command-injection
  cp.execFileSync('cmd.exe', ['/d', '/c', 'dir ' + req.body.dir]);
  // ruleid: js.taint.command-injection
  crossSpawn.sync('/bin/bash', ['-lc', req.body.script], { stdio: 'inherit' });
  // The command line is fixed; the value goes in through the environment.
  // ok: js.taint.command-injection
  spawn('sh', ['-c', 'convert in.png -resize "$SIZE" out.png'], { env: { SIZE: req.body.size } });
  // A script file with the value as its own argument: no shell parses it.
  // ok: js.taint.command-injection
  spawn('bash', ['./resize.sh', req.body.size]);
  // Another program whose -c is not a command line.
  // ok: js.taint.command-injection
  spawn('gzip', ['-c', req.body.file]);
  res.end();
});
