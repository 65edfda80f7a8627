import postgres from 'postgres';
import type { FastifyInstance } from 'fastify';

const pg = postgres(process.env.PG_URL!);

export default async function routes(app: FastifyInstance) {
  app.get<{ Querystring: { table: string } }>('/count', async (request) => {
    return pg.unsafe(`select count(*) from ${request.query.table}`);
  });
}
