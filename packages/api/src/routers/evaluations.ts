import { z } from 'zod';
import { queries } from '@cascade/db';
import { EVALUATION_OUTCOMES } from '@cascade/workflow';
import { READERS, requireAbove, requireRole } from '../authority.js';
import { id, isoDate, text } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';
import { loadDirective, loadInstanceScope, loadUnit } from './loaders.js';

const evidence = z.array(z.object({ kind: z.enum(['task', 'submission']), id })).max(100);

export const evaluationsRouter = router({
  record: authedProcedure
    .input(
      z.object({
        directiveId: id,
        evaluatorUnitId: id,
        subjectUnitId: id.optional(),
        subjectUserId: id.optional(),
        outcome: z.enum(EVALUATION_OUTCOMES),
        comment: text(4000),
        evidence: evidence.default([]),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const evaluator = await loadUnit(ctx.engine.db, input.evaluatorUnitId, 'evaluatorUnitId');
      requireRole(ctx.principal, ['admin'], evaluator.path, '考评|evaluate');
      return ctx.engine.evaluate(ctx.principal.userId, input);
    }),
  list: authedProcedure.input(z.object({ directiveId: id })).query(async ({ ctx, input }) => {
    const found = await loadDirective(ctx.engine.db, input.directiveId);
    requireRole(ctx.principal, READERS, found.issuingUnit.path, '查看考评|view evaluations');
    return queries.listEvaluations(ctx.engine.db, input.directiveId);
  }),
});

const caseCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('INVESTIGATE') }),
  z.object({ type: z.literal('DECIDE'), decision: z.enum(['sanction', 'no_fault']), finding: text(4000) }),
  z.object({ type: z.literal('REQUIRE_RECTIFICATION'), requirements: z.array(text(1000)).min(1).max(50), dueAt: isoDate.transform((d) => d.toISOString()) }),
  z.object({ type: z.literal('CLOSE_CASE'), summary: text(4000) }),
]);

export const casesRouter = router({
  list: authedProcedure.input(z.object({ directiveId: id })).query(async ({ ctx, input }) => {
    const found = await loadDirective(ctx.engine.db, input.directiveId);
    requireRole(ctx.principal, READERS, found.issuingUnit.path, '查看问责|view cases');
    return queries.listCases(ctx.engine.db, input.directiveId);
  }),
  /** Cases are run by the level above the unit concerned. */
  advance: authedProcedure.input(z.object({ caseId: id, command: caseCommand })).mutation(async ({ ctx, input }) => {
    const { path } = await loadInstanceScope(ctx.engine.db, input.caseId, 'case');
    requireAbove(ctx.principal, path, '办理问责|run accountability cases');
    await ctx.engine.advanceCase(ctx.principal.userId, input.caseId, input.command);
    return { ok: true };
  }),
});
