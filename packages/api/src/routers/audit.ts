import { z } from 'zod';
import { queries } from '@cascade/db';
import { READERS, requireRole } from '../authority.js';
import { id } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';
import { loadDirective, loadInstanceScope } from './loaders.js';

export const auditRouter = router({
  /** The full state history of one instance (directive, receipt, task, registration, evaluation or case). */
  history: authedProcedure.input(z.object({ instanceId: id })).query(async ({ ctx, input }) => {
    const { instance, path } = await loadInstanceScope(ctx.engine.db, input.instanceId);
    requireRole(ctx.principal, READERS, path, '查看历史|read history');
    return { instance, rows: await queries.listHistory(ctx.engine.db, input.instanceId) };
  }),
  /** Re-checks the hash chains and replays every instance of a directive. */
  verify: authedProcedure.input(z.object({ directiveId: id })).mutation(async ({ ctx, input }) => {
    const found = await loadDirective(ctx.engine.db, input.directiveId);
    requireRole(ctx.principal, READERS, found.issuingUnit.path, '核验|verify');
    return ctx.engine.verifyAudit({ directiveId: input.directiveId });
  }),
});
