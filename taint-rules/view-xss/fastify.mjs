// A Fastify app rendering Handlebars views (pages/*.hbs) with @fastify/view.
import path from 'node:path';
import Fastify from 'fastify';
import fastifyView from '@fastify/view';
import handlebars from 'handlebars';

const fastify = Fastify();
fastify.register(fastifyView, {
  engine: { handlebars },
  root: path.join(import.meta.dirname, 'pages'),
});

fastify.get('/card', async (request, reply) => {
  return reply.view('/card.hbs', { msg: request.query.msg, brand: 'Acme' });
});

fastify.get('/card/plain', async (request, reply) => {
  return reply.view('plain', { msg: request.query.msg });
});

export default fastify;
