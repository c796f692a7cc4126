import { initTRPC, TRPCError } from '@trpc/server';
import type { Principal } from '@cascade/engine';
import type { Context } from './context.js';
import { errorData, toTRPCError } from './errorFormatter.js';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    return { ...shape, data: { ...shape.data, stack: undefined, ...errorData(error) } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every procedure passes here: engine and validation errors leave as 4xx with field issues. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error);
    if (mapped) throw mapped;
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.principal) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录 / sign in first' });
  return next({ ctx: { ...ctx, principal: ctx.principal as Principal } });
});
