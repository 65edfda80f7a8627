const { pool } = require('./db');

exports.filter = async (req, res) => {
  let sql = 'SELECT * FROM books WHERE 1=1';
  const params = [];
  if (req.query.author) {
    params.push(req.query.author);
    sql += ' AND author = $' + params.length;
  }
  const { rows } = await pool.query(sql, params);
  res.json(rows);
};
