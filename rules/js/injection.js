// Tests for injection.yaml.
const { spawn, execFile } = require('child_process');
const shell = require('shelljs');
const execa = require('execa');

async function cases(db, knex, users, req, name, file, id) {
  // ruleid: js.sql-injection.built-query
  db.query('SELECT * FROM users WHERE name = \'' + name + '\'');
  // ruleid: js.sql-injection.built-query
  await db.execute(`DELETE FROM notes WHERE id = ${id}`);
  // ruleid: js.sql-injection.built-query
  knex.raw('select * from t order by ' + req.query.sort);
  // ok: js.sql-injection.built-query
  db.query('SELECT * FROM users WHERE name = $1', [name]);
  // ok: js.sql-injection.built-query
  db.query(`SELECT * FROM users`);
  // ok: js.sql-injection.built-query
  cache.get('user:' + id);

  // ruleid: js.nosql-injection.where
  users.find({ $where: 'this.name == "' + name + '"' });
  // ruleid: js.nosql-injection.where
  users.find({ '$where': `this.age > ${req.query.age}` });
  // ruleid: js.nosql-injection.where
  users.find({ $where: req.body.filter });
  // ok: js.nosql-injection.where
  users.find({ $where: 'this.age > 18' });
  // ok: js.nosql-injection.where
  users.find({ name: name });
  // ok: js.nosql-injection.where
  users.find({ where: req.body.filter });



  // ruleid: js.command-injection.shelljs-exec
  shell.exec('rm -rf ' + file);
  // ruleid: js.command-injection.shelljs-exec
  shell.exec(`git checkout ${name}`, { silent: true });
  // ruleid: js.command-injection.shelljs-exec
  shelljs.exec(req.body.cmd);
  // ok: js.command-injection.shelljs-exec
  shell.exec('git status');
  // ok: js.command-injection.shelljs-exec
  shell.rm('-rf', file);
  // ok: js.command-injection.shelljs-exec
  regex.exec(name);
}
module.exports = cases;
