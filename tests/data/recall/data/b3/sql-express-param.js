const express = require('express');
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database(':memory:');
const router = express.Router();

router.param('userId', (req, res, next, id) => {
  db.get(`SELECT * FROM users WHERE id = ${id}`, (err, row) => {
    req.user = row;
    next(err);
  });
});
module.exports = router;
