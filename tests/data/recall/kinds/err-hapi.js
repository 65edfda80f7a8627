const Hapi = require('@hapi/hapi');
const server = Hapi.server({ port: 3000 });
server.route({ method: 'GET', path: '/x', handler: async (request, h) => {
  try { return await work(); } catch (err) { return h.response({ error: err.stack }).code(500); }
} });
