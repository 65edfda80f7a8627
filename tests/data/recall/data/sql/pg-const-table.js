const { Client } = require('pg');
const client = new Client();
client.connect();
const TABLE = 'audit_log';

exports.list = async function (req, res) {
  const limit = parseInt(req.query.limit, 10) || 50;
  const q = `SELECT * FROM ${TABLE} ORDER BY ts DESC LIMIT ${limit}`;
  const { rows } = await client.query(q);
  res.json(rows);
};
