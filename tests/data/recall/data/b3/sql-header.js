const { Pool } = require('pg');
const pool = new Pool();

exports.tenant = async (req, res) => {
  const tenant = req.header('X-Tenant');
  const r = await pool.query(`SET search_path TO ${tenant}`);
  res.json(r.rowCount);
};
