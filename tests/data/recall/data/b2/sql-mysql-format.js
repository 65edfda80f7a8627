const mysql = require('mysql');
const connection = mysql.createConnection({ host: 'db' });

exports.get = (req, res) => {
  const q = mysql.format('SELECT * FROM users WHERE id = ? AND org = ?', [req.params.id, req.user.org]);
  connection.query(q, (e, rows) => res.json(rows));
};
