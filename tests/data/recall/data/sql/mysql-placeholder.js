const express = require('express');
const mysql = require('mysql');
const connection = mysql.createConnection({ host: 'localhost', user: 'app', database: 'shop' });
const app = express();

app.get('/products', (req, res) => {
  const category = req.query.category;
  connection.query('SELECT * FROM products WHERE category = ?', [category], (err, rows) => {
    if (err) return res.status(500).end();
    res.json(rows);
  });
});
app.listen(3000);
