const { pool } = require('./db');

exports.filter = async (req, res) => {
  let sql = 'SELECT * FROM books WHERE 1=1';
  const params = [];
  if (req.query.author) {
    sql += " AND author = '" + req.query.author + "'";
  }
  if (req.query.year) {
    params.push(Number(req.query.year));
    sql += ' AND year = $' + params.length;
  }
  const { rows } = await pool.query(sql, params);
  res.json(rows);
};
