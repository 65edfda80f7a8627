const mysql = require('mysql2/promise');
const express = require('express');
const router = express.Router();
const pool = mysql.createPool({ host: 'db', user: 'root', database: 'app' });

router.get('/users/:id', async (req, res) => {
  const [rows] = await pool.execute('SELECT id, name FROM users WHERE id = ?', [req.params.id]);
  res.json(rows[0]);
});
module.exports = router;
