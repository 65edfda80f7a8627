import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import { execSync } from 'child_process';

const t = initTRPC.create();
export const appRouter = t.router({
  ping: t.procedure.input(z.object({ host: z.string() })).mutation(({ input }) => {
    return execSync(`ping -c 1 ${input.host}`).toString();
  }),
});
