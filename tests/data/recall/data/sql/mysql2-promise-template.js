const mysql = require('mysql2/promise');
const express = require('express');
const router = express.Router();

let pool;
async function getPool() {
  if (!pool) pool = mysql.createPool({ host: 'db', user: 'root', database: 'app' });
  return pool;
}

router.get('/users/:id', async (req, res) => {
  const p = await getPool();
  const [rows] = await p.execute(`SELECT id, name FROM users WHERE id = ${req.params.id}`);
  res.json(rows[0]);
});
module.exports = router;
