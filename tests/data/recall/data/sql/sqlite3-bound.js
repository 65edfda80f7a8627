const sqlite3 = require('sqlite3').verbose();
const db = new sqlite3.Database('./data.db');

module.exports = function (app) {
  app.post('/login', function (req, res) {
    const { username, password } = req.body;
    db.get('SELECT * FROM users WHERE name = ? AND pass = ?', [username, password], function (err, row) {
      if (row) res.send('welcome');
      else res.status(401).send('no');
    });
  });
};
