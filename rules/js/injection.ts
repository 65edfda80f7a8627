// TypeScript tests for injection.yaml.
import { execa } from 'execa';
import type { Knex } from 'knex';
import * as shell from 'shelljs';

export async function run(knex: Knex, db: { query(sql: string, v?: unknown[]): Promise<unknown> }, id: string, file: string): Promise<unknown[]> {
  // ruleid: js.sql-injection.built-query
  const a = await db.query(`SELECT * FROM notes WHERE owner = '${id}'`);
  // ok: js.sql-injection.built-query
  const b = await db.query('SELECT * FROM notes WHERE owner = $1', [id]);
  // ruleid: js.sql-injection.knex-raw
  const c = await knex('notes').whereRaw(`owner = '${id}'`);
  // ok: js.sql-injection.knex-raw
  const d = await knex('notes').whereRaw('owner = ?', [id]);
  // ruleid: js.command-injection.execa-shell
  const e = await execa(`gzip ${file}`, { shell: true });
  // ok: js.command-injection.execa-shell
  const f = await execa('gzip', [file]);
  // ruleid: js.command-injection.shelljs-exec
  const g = shell.exec(`cat ${file}`);
  // ok: js.command-injection.shelljs-exec
  const h = shell.exec('ls');
  return [a, b, c, d, e, f, g, h];
}
