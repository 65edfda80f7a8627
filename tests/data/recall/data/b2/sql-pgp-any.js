const pgp = require('pg-promise')();
const db = pgp(process.env.DATABASE_URL);

module.exports.list = async (req, res) => {
  const rows = await db.any(`SELECT * FROM tickets WHERE owner = '${req.query.owner}'`);
  res.json(rows);
};
