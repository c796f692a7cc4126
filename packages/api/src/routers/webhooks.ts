import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { queries } from '@cascade/db';
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
  /** The webhooks of a locality and the units below it, each with its latest deliveries and every attempt (never the secret). */
  list: authedProcedure.input(z.object({ orgUnitId: id, recent: z.number().int().min(1).max(100).default(20) })).query(async ({ ctx, input }) => {
    const unit = await loadUnit(ctx.engine.db, input.orgUnitId, 'orgUnitId');
    requireRole(ctx.principal, ['admin'], unit.path, '查看推送|view webhooks');
    return queries.listWebhooks(ctx.engine.db, unit.path, { recent: input.recent });
  }),
  /** Stops a webhook; what it still had to send is cancelled. For admins over the unit it belongs to. */
  deactivate: authedProcedure.input(z.object({ webhookId: id })).mutation(async ({ ctx, input }) => {
    const hook = await queries.getWebhook(ctx.engine.db, input.webhookId);
    if (!hook) throw new TRPCError({ code: 'NOT_FOUND', message: `推送地址不存在 / webhook ${input.webhookId} not found` });
    requireRole(ctx.principal, ['admin'], hook.unitPath, '停用推送|deactivate webhooks');
    return ctx.engine.deactivateWebhook(input.webhookId);
  }),
});
