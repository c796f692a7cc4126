import { z } from 'zod';
import { queries } from '@cascade/db';
import { id, isoDate } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';

/** Each user's in-app inbox: only ever their own notifications. */
export const notificationsRouter = router({
  list: authedProcedure
    .input(z.object({ before: isoDate.optional(), limit: z.number().int().min(1).max(200).default(50), unreadOnly: z.boolean().default(false) }).default({ limit: 50, unreadOnly: false }))
    .query(({ ctx, input }) =>
      queries.listNotifications(ctx.engine.db, ctx.principal.userId, { limit: input.limit, unreadOnly: input.unreadOnly, ...(input.before ? { before: input.before } : {}) }),
    ),
  unreadCount: authedProcedure.query(({ ctx }) => queries.countUnread(ctx.engine.db, ctx.principal.userId)),
  markRead: authedProcedure.input(z.object({ ids: z.union([z.literal('all'), z.array(id).max(500)]) })).mutation(async ({ ctx, input }) => ({
    marked: await queries.markNotificationsRead(ctx.engine.db, ctx.principal.userId, input.ids, ctx.engine.clock.now()),
  })),
});
