const oracledb = require('oracledb');
const restify = require('restify');
const server = restify.createServer();
server.use(restify.plugins.queryParser());

server.get('/emp', async (req, res, next) => {
  const conn = await oracledb.getConnection({ user: 'hr', connectString: 'db/orcl' });
  const r = await conn.execute('SELECT * FROM employees WHERE dept = ' + req.query.dept);
  res.send(r.rows);
  await conn.close();
  return next();
});
