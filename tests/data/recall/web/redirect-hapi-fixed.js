const Hapi = require('@hapi/hapi');

const server = Hapi.server({ port: 3000 });
server.route({
  method: 'GET',
  path: '/continue',
  handler: (request, h) => h.redirect('/login'),
});
