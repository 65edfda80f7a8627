// Tests for web-errors.yaml (TypeScript).
import { Request, Response, NextFunction } from 'express';
import Fastify, { FastifyReply } from 'fastify';
const app = Fastify();

export function errorHandler(err: Error, req: Request, res: Response, next: NextFunction) {
  // ruleid: js.web.error-details-exposed
  res.status(500).json({ message: err.message, stack: err.stack });
}

app.get('/items', async (request, reply: FastifyReply) => {
  try {
    return await listItems();
  } catch (err: any) {
    // ruleid: js.web.error-details-exposed
    reply.code(500).send({ error: err.toString(), trace: err.stack });
  }
});

export function safeHandler(err: Error, req: Request, res: Response, next: NextFunction) {
  logger.error({ stack: err.stack });
  // ok: js.web.error-details-exposed
  res.status(500).json({ message: 'Something went wrong' });
}

app.get('/handled', async (request, reply: FastifyReply) => {
  try {
    return await listItems();
  } catch (err) {
    // ok: js.web.error-details-exposed
    reply.code(500).send(err);
  }
});

app.get('/other', async (request, reply: FastifyReply) => {
  try {
    return await listItems();
  } catch (err: unknown) {
    request.log.error(err);
    // ok: js.web.error-details-exposed
    reply.code(500).send({ error: 'internal' });
  }
});

export async function nextHandler(req: Request, res: Response) {
  try {
    res.status(200).json(await load(req.query.id as string));
  } catch (error) {
    // ruleid: js.web.error-details-exposed
    res.status(500).json({ error });
  }
  try {
    res.status(200).json(await load(req.query.id as string));
  } catch (error) {
    // ok: js.web.error-details-exposed
    res.status(500).json({ error: 'load failed' });
  }
}
