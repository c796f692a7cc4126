import { z } from 'zod';
import { SESSION_COOKIE } from '../context.js';
import { authedProcedure, publicProcedure, router } from '../trpc.js';

export const authRouter = router({
  login: publicProcedure
    .input(z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }))
    .mutation(async ({ ctx, input }) => {
      const session = await ctx.engine.login(input.username, input.password);
      const maxAge = Math.floor((session.expiresAt.getTime() - Date.now()) / 1000);
      ctx.setCookie(`${SESSION_COOKIE}=${encodeURIComponent(session.token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}`);
      return session;
    }),
  logout: authedProcedure.mutation(async ({ ctx }) => {
    if (ctx.token) await ctx.engine.logout(ctx.token);
    ctx.setCookie(`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return { ok: true };
  }),
  me: authedProcedure.query(({ ctx }) => ctx.principal),
});
