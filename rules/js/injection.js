// Tests for injection.yaml.
const { spawn, execFile } = require('child_process');
const shell = require('shelljs');
import sh from 'shelljs';
const { exec: shexec } = require('shelljs');
const execa = require('execa');
import { execa as run, execaSync, execaCommand } from 'execa';
import { $ } from 'execa';

const TABLE = 'SELECT * FROM t';

async function cases(db, knex, users, req, name, file, id, prisma, pool) {
  // ruleid: js.sql-injection.built-query
  db.query('SELECT * FROM users WHERE name = \'' + name + '\'');
  // ruleid: js.sql-injection.built-query
  await db.execute(`DELETE FROM notes WHERE id = ${id}`);
  // ruleid: js.sql-injection.built-query
  pool.query("update accounts set plan = '" + req.body.plan + "' where id = 1", cb);
  // ruleid: js.sql-injection.built-query
  db.prepare(`insert into logs values (${id}, '${name}')`).run();
  // ok: js.sql-injection.built-query
  db.query('SELECT * FROM users WHERE name = $1', [name]);
  // ok: js.sql-injection.built-query
  db.query(`SELECT * FROM users`);
  // ok: js.sql-injection.built-query
  cache.get('user:' + id);
  // ok: js.sql-injection.built-query
  db.query(TABLE);
  // ok: js.sql-injection.built-query
  db.query(buildSelect(name + ' from'));
  // One value, escaped by the driver or made a number.
  // ok: js.sql-injection.built-query
  db.query('SELECT * FROM users WHERE id = ' + parseInt(id, 10));
  // ok: js.sql-injection.built-query
  db.query('SELECT * FROM users WHERE name = ' + db.escape(name), cb);
  // ok: js.sql-injection.built-query
  await db.execute(`DELETE FROM notes WHERE id = ${Number(id)} LIMIT 1`);
  // ruleid: js.sql-injection.built-query
  db.query('SELECT * FROM users WHERE id = ' + parseInt(id, 10) + ' AND name = ' + name);
  // ruleid: js.sql-injection.built-query
  await db.execute(`DELETE FROM notes WHERE id = ${Number(id)} AND owner = '${name}'`);
  // ruleid: js.sql-injection.built-query
  db.query('SELECT * FROM users WHERE name = ' + name.trim(), cb);

  // ruleid: js.sql-injection.knex-raw
  knex.raw('select * from t order by ' + req.query.sort);
  // ruleid: js.sql-injection.knex-raw
  knex('users').whereRaw(`id = ${id}`);
  // ruleid: js.sql-injection.knex-raw
  await prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE email = '${name}'`);
  // ruleid: js.sql-injection.knex-raw
  knex('t').orderByRaw(req.query.col + ' desc');
  // ok: js.sql-injection.knex-raw
  knex.raw('select * from t where id = ?', [id]);
  // ok: js.sql-injection.knex-raw
  knex('users').whereRaw('id = ?', [id]);
  // ok: js.sql-injection.knex-raw
  await prisma.$queryRaw`SELECT * FROM "User" WHERE email = ${name}`;
  // ok: js.sql-injection.knex-raw
  knex.select('*').from('t').where('name', name);

  // ruleid: js.nosql-injection.where
  users.find({ $where: 'this.name == "' + name + '"' });
  // ruleid: js.nosql-injection.where
  users.find({ '$where': `this.age > ${req.query.age}` });
  // ruleid: js.nosql-injection.where
  users.find({ $where: req.body.filter });
  // ruleid: js.nosql-injection.where
  users.aggregate([{ $addFields: { x: { $function: { body: req.body.fn, args: [], lang: 'js' } } } }]);
  // ok: js.nosql-injection.where
  users.find({ $where: 'this.age > 18' });
  // ok: js.nosql-injection.where
  users.find({ name: name });
  // ok: js.nosql-injection.where
  users.find({ where: req.body.filter });
  // ok: js.nosql-injection.where
  users.find({ $where: function () { return this.age > 18; } });

  // ruleid: js.command-injection.shelljs-exec
  shell.exec('rm -rf ' + file);
  // ruleid: js.command-injection.shelljs-exec
  shell.exec(`git checkout ${name}`, { silent: true });
  // ruleid: js.command-injection.shelljs-exec
  sh.exec(req.body.cmd);
  // ruleid: js.command-injection.shelljs-exec
  shexec(name, { async: true });
  // ok: js.command-injection.shelljs-exec
  shell.exec('git status');
  // ok: js.command-injection.shelljs-exec
  shell.rm('-rf', file);
  // ok: js.command-injection.shelljs-exec
  regex.exec(name);
  // ok: js.command-injection.shelljs-exec
  other.exec(name);

  // ruleid: js.command-injection.execa-shell
  await execa(`git log ${name}`, { shell: true });
  // ruleid: js.command-injection.execa-shell
  await run('tar', ['-xzf', file], { cwd: '/tmp', shell: true });
  // ruleid: js.command-injection.execa-shell
  execaSync(req.query.cmd, { shell: true });
  // ruleid: js.command-injection.execa-shell
  await execa.command('convert ' + file, { shell: true });
  // ok: js.command-injection.execa-shell
  await execa('git', ['log', name]);
  // ok: js.command-injection.execa-shell
  await run('npm --version', { shell: true });
  // ok: js.command-injection.execa-shell
  await other(name, { shell: true });
  // ok: js.command-injection.execa-shell
  await execaCommand('git status');
  return [spawn, execFile, $];
}
module.exports = cases;
