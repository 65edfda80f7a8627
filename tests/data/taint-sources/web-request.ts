import { exec } from 'child_process';
import { Request, Response, Router } from 'express';
import type { NextApiRequest, NextApiResponse, GetServerSidePropsContext } from 'next';
import { NextRequest } from 'next/server';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { Controller, Get, Post, Query, Body, Param, Headers, Req } from '@nestjs/common';

const router = Router();

// A named handler, typed and destructured, passed to router.get.
async function list({ query }: Request, res: Response) {
  // ruleid: test.sources.web-request
  exec(`ls ${query.dir}`);
  res.end();
}
router.get('/list', list);

// Typed request, any name.
export const show = async (r: Request, res: Response): Promise<void> => {
  // ruleid: test.sources.web-request
  exec('cat ' + r.params.file);
  // ok: test.sources.web-request
  exec('cat README');
};

// A parameter typed as something else is not a request.
function run(opts: { cmd: string }, n: number) {
  // ok: test.sources.web-request
  exec(opts.cmd);
  // ok: test.sources.web-request
  exec('sleep ' + n);
}

// Next.js API route and getServerSideProps.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  // ruleid: test.sources.web-request
  exec('echo ' + req.query.name);
  res.status(200).end();
}
export async function getServerSideProps(context: GetServerSidePropsContext) {
  // ruleid: test.sources.web-request
  exec('echo ' + context.query.q);
  // ruleid: test.sources.web-request
  exec('echo ' + context.params.slug);
  // ok: test.sources.web-request
  exec('echo ' + context.locale);
  return { props: {} };
}

// Next.js route handler (app router) and Azure Functions v4: fetch-style requests.
export async function POST(request: NextRequest) {
  const q = request.nextUrl.searchParams.get('q');
  // ruleid: test.sources.web-request
  exec('grep ' + q);
  const body = await request.json();
  // ruleid: test.sources.web-request
  exec('echo ' + body.msg);
  // ok: test.sources.web-request
  exec('echo ' + Number(request.headers.get('x-count')));
}
export async function httpTrigger(request: Request, context: unknown) {
  // ruleid: test.sources.web-request
  exec('echo ' + request.query.get('name'));
}

// Fastify.
export function routes(fastify: FastifyInstance) {
  fastify.get('/f', async (request: FastifyRequest<{ Querystring: { q: string } }>, reply) => {
    // ruleid: test.sources.web-request
    exec('echo ' + request.query.q);
    // ok: test.sources.web-request
    exec('echo ' + reply.statusCode);
  });
}

// NestJS decorated parameters.
@Controller('files')
export class FilesController {
  @Get(':id')
  find(@Param('id') id: string, @Query() q: QueryDto, @Headers('x-user') who: string) {
    // ruleid: test.sources.web-request
    exec('cat ' + id);
    // ruleid: test.sources.web-request
    exec('cat ' + q.path);
    // ruleid: test.sources.web-request
    exec('id ' + who);
  }
  @Post()
  create(@Body() body: CreateDto, @Req() req: any, @Param('n') n: number) {
    // ruleid: test.sources.web-request
    exec('touch ' + body.name);
    // ruleid: test.sources.web-request
    exec('touch ' + req.ip);
    // ok: test.sources.web-request
    exec('sleep ' + n);
  }
  helper(name: string) {
    // ok: test.sources.web-request
    exec('touch ' + name);
  }
}
class QueryDto { path = ''; }
class CreateDto { name = ''; }

// routing-controllers and tsoa bind parameters with decorators of their own.
import { JsonController, QueryParam, BodyParam, HeaderParam, CookieParam } from 'routing-controllers';
import { Route, Path, Header, BodyProp } from 'tsoa';

@JsonController('/jobs')
export class JobsController {
  run(@QueryParam('name') name: string, @BodyParam('cmd') cmd: string, @HeaderParam('x-id') id: string) {
    // ruleid: test.sources.web-request
    exec('echo ' + name);
    // ruleid: test.sources.web-request
    exec(cmd);
    // ok: test.sources.web-request
    exec('echo ' + Number(id));
  }
  who(@CookieParam('sid') sid: string, @Inject() svc: { id: string }) {
    // ruleid: test.sources.web-request
    exec('echo ' + sid);
    // An injected service is no request value.
    // ok: test.sources.web-request
    exec('echo ' + svc.id);
  }
}

@Route('files')
export class TsoaFiles {
  get(@Path() name: string, @Header('x-tag') tag: string, @BodyProp() note: string, @Deprecated() old: string) {
    // ruleid: test.sources.web-request
    exec('cat ' + name);
    // ruleid: test.sources.web-request
    exec('echo ' + tag + note);
    // ok: test.sources.web-request
    exec('echo ' + old);
  }
}
declare function Inject(): ParameterDecorator;
declare function Deprecated(): ParameterDecorator;

// tRPC procedures: the validated input is still the caller's.
import { initTRPC } from '@trpc/server';
import { z } from 'zod';
const trpc = initTRPC.create();
export const trpcRouter = trpc.router({
  ping: trpc.procedure.input(z.object({ host: z.string() })).mutation(({ input }) => {
    // ruleid: test.sources.web-request
    return exec('ping -c 1 ' + input.host);
  }),
  pong: trpc.procedure.input(z.string()).query((opts) => {
    // ruleid: test.sources.web-request
    return exec('echo ' + opts.input);
  }),
  count: trpc.procedure.input(z.number()).query(({ input }) => {
    // ok: test.sources.web-request
    return exec('seq ' + Number(input));
  }),
  time: trpc.procedure.query((opts) => {
    // No input: nothing of the caller's.
    // ok: test.sources.web-request
    return exec('date ' + opts.type);
  }),
});

// GraphQL decorators: NestJS @Args, type-graphql @Arg.
import { Args, Resolver, Query as GqlQuery } from '@nestjs/graphql';
@Resolver()
export class UsersResolver {
  @GqlQuery()
  user(@Args('name') name: string, @Arg('id') id: string, @Ctx() ctx: { t: string }) {
    // ruleid: test.sources.web-request
    exec('id ' + name);
    // ruleid: test.sources.web-request
    exec('id ' + id);
    // ok: test.sources.web-request
    exec('id ' + ctx.t);
  }
}
declare function Arg(n: string): ParameterDecorator;
declare function Ctx(): ParameterDecorator;
