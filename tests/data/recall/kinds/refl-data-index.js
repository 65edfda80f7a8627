const express = require('express');
const app = express();
const prices = { apple: 1, pear: 2 };
app.get('/price', (req, res) => {
  const p = prices[req.query.item];
  res.json({ price: p });
});
