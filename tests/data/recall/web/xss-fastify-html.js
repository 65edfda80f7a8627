const fastify = require('fastify')({ logger: true });

fastify.get('/greet', async (request, reply) => {
  const who = request.query.who;
  reply.type('text/html').send(`<b>Hello ${who}</b>`);
});

fastify.listen({ port: 3000 });
