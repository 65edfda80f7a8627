import { execa } from 'execa';
import type { FastifyRequest, FastifyReply } from 'fastify';

export async function archive(request: FastifyRequest<{ Body: { dir: string } }>, reply: FastifyReply) {
  const { dir } = request.body;
  const { stdout } = await execa('tar', ['czf', '/tmp/out.tgz', '--', dir]);
  return reply.send(stdout);
}
