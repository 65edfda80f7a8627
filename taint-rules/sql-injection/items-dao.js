// SQL behind exports named like String methods (routes.js calls them).
const { Pool } = require('pg');

const pool = new Pool();

async function search(term) {
  // ruleid: js.taint.sql-injection
  const r = await pool.query(`SELECT * FROM items WHERE name LIKE '%${term}%'`);
  return r.rows;
}

async function searchSafe(term) {
  // ok: js.taint.sql-injection
  const r = await pool.query('SELECT * FROM items WHERE name LIKE $1', [`%${term}%`]);
  return r.rows;
}

async function replace(from, to) {
  // ruleid: js.taint.sql-injection
  await pool.query("UPDATE items SET name = '" + to + "' WHERE name = $1", [from]);
  // ok: js.taint.sql-injection
  await pool.query('UPDATE items SET name = $2 WHERE name = $1', [from, to]);
}

module.exports = { search, searchSafe, replace };
