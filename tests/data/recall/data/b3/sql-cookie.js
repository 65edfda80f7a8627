const db = require('./db');

module.exports = function (app) {
  app.get('/cart', async function (req, res) {
    const rows = await db.query("SELECT * FROM carts WHERE session = '" + req.cookies.sid + "'");
    res.json(rows);
  });
};
