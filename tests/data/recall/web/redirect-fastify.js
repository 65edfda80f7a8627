const fastify = require('fastify')();

fastify.get('/go', async (request, reply) => {
  return reply.redirect(request.query.url);
});
