const express = require('express');
const mysql = require('mysql');
const connection = mysql.createConnection({ host: 'localhost', user: 'app', database: 'shop' });
const app = express();

app.get('/products', (req, res) => {
  const category = req.query.category;
  const sql = "SELECT * FROM products WHERE category = '" + category + "'";
  connection.query(sql, (err, rows) => {
    if (err) return res.status(500).end();
    res.json(rows);
  });
});
app.listen(3000);
