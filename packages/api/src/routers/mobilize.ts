import { z } from 'zod';
import { requireRole } from '../authority.js';
import { id } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';
import { loadInstanceScope, loadUnit } from './loaders.js';

export const mobilizeRouter = router({
  /** 包网格 / 包户 / 下沉: put a person on a unit or household for a directive. */
  assign: authedProcedure.input(z.object({ directiveId: id, userId: id, orgUnitId: id })).mutation(async ({ ctx, input }) => {
    const unit = await loadUnit(ctx.engine.db, input.orgUnitId, 'orgUnitId');
    requireRole(ctx.principal, ['admin'], unit.path, '分配人员|assign people');
    return ctx.engine.assignPerson(ctx.principal.userId, input);
  }),
  /** 报到: the engine checks that the caller is the assigned person. */
  register: authedProcedure.input(z.object({ registrationId: id })).mutation(async ({ ctx, input }) => {
    await loadInstanceScope(ctx.engine.db, input.registrationId, 'registration');
    await ctx.engine.registerArrival(ctx.principal.userId, input.registrationId);
    return { ok: true };
  }),
  release: authedProcedure.input(z.object({ registrationId: id })).mutation(async ({ ctx, input }) => {
    const { path } = await loadInstanceScope(ctx.engine.db, input.registrationId, 'registration');
    requireRole(ctx.principal, ['admin'], path, '结束下沉|release people');
    await ctx.engine.releaseRegistration(ctx.principal.userId, input.registrationId);
    return { ok: true };
  }),
});
