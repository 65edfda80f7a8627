import Fastify from 'fastify';
const app = Fastify();
app.get('/items', async (request, reply) => {
  try {
    return await listItems();
  } catch (err: any) {
    reply.code(500).send({ error: err.toString(), trace: err.stack });
  }
});
