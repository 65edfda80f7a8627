const Database = require('better-sqlite3');
const fastify = require('fastify')();
const store = new Database('notes.db');

fastify.get('/notes', async (request, reply) => {
  const order = request.query.sort;
  const stmt = store.prepare('SELECT * FROM notes ORDER BY ' + order);
  return stmt.all();
});
fastify.listen({ port: 3000 });
