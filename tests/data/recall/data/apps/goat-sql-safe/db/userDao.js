const mysql = require('mysql2');
const pool = mysql.createPool({ host: 'localhost', user: 'goat', database: 'goat' }).promise();

async function findByCredentials(username, password) {
  const [rows] = await pool.query('SELECT * FROM users WHERE username = ? AND password = ?', [username, password]);
  return rows[0];
}

async function findById(id) {
  const [rows] = await pool.query('SELECT * FROM users WHERE id = ?', [id]);
  return rows[0];
}
module.exports = { findByCredentials, findById };
