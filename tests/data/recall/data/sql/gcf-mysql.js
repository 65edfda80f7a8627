const mysql = require('mysql');
const conn = mysql.createPool({ socketPath: '/cloudsql/x' });

exports.lookup = (req, res) => {
  const sku = req.body.sku;
  conn.query(`SELECT * FROM stock WHERE sku='${sku}'`, (e, rows) => res.send(rows));
};
