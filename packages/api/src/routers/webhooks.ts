import { z } from 'zod';
import { requireRole } from '../authority.js';
import { id } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';
import { loadUnit } from './loaders.js';

/** A locality connects its SMS or messaging gateway: notifications in its subtree are POSTed there. */
export const webhooksRouter = router({
  register: authedProcedure
    .input(z.object({ orgUnitId: id, url: z.url({ protocol: /^https?$/ }).max(2000), secret: z.string().min(16).max(256) }))
    .mutation(async ({ ctx, input }) => {
      const unit = await loadUnit(ctx.engine.db, input.orgUnitId, 'orgUnitId');
      requireRole(ctx.principal, ['admin'], unit.path, '配置推送|configure webhooks');
      return ctx.engine.registerWebhook(input);
    }),
});
