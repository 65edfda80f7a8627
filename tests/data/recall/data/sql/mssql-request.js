const sql = require('mssql');

module.exports.handler = async (event) => {
  const pool = await sql.connect(process.env.MSSQL);
  const name = event.queryStringParameters.name;
  const result = await pool.request().query(`SELECT * FROM customers WHERE name = '${name}'`);
  return { statusCode: 200, body: JSON.stringify(result.recordset) };
};
