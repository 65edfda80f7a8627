const Hapi = require('@hapi/hapi');
const { Pool } = require('pg');
const db = new Pool();

const init = async () => {
  const server = Hapi.server({ port: 3000 });
  server.route({
    method: 'GET',
    path: '/items/{id}',
    handler: async (request, h) => {
      const res = await db.query('SELECT * FROM items WHERE id = ' + request.params.id);
      return res.rows;
    },
  });
  await server.start();
};
init();
