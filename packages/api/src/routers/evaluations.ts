import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { queries } from '@cascade/db';
import type { Principal } from '@cascade/engine';
import { EVALUATION_OUTCOMES, type TemplateDefinition } from '@cascade/workflow';
import { grantCovering, READERS, readablePaths, requireAbove, requireRole } from '../authority.js';
import { id, isoDate, text } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';
import { caseActions } from './caseActions.js';
import { loadDirective, loadInstanceScope, loadUnit } from './loaders.js';

const evidence = z.array(z.object({ kind: z.enum(['task', 'submission']), id })).max(100);

/** Readers over the issuing unit see everything of a directive; readers further down only what
 * concerns their own subtree; anyone else is refused. */
function readScope(principal: Principal, issuingPath: string, action: string): { withinPaths?: string[] } {
  if (grantCovering(principal, READERS, issuingPath)) return {};
  const paths = readablePaths(principal);
  if (paths.length === 0) requireRole(principal, READERS, issuingPath, action);
  return { withinPaths: paths };
}

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
    return queries.listEvaluations(ctx.engine.db, input.directiveId, readScope(ctx.principal, found.issuingUnit.path, '查看考评|view evaluations'));
  }),
  /** Whom a unit evaluates under a directive: the units one chain level below it that received the
   * directive, and the people assigned within it; with the outcomes the template allows. */
  subjects: authedProcedure.input(z.object({ directiveId: id, evaluatorUnitId: id })).query(async ({ ctx, input }) => {
    const evaluator = await loadUnit(ctx.engine.db, input.evaluatorUnitId, 'evaluatorUnitId');
    requireRole(ctx.principal, READERS, evaluator.path, '查看考评对象|view whom to evaluate');
    const found = await loadDirective(ctx.engine.db, input.directiveId);
    const template = await queries.getTemplateVersion(ctx.engine.db, found.directive.templateVersionId);
    const definition = template?.definition as TemplateDefinition;
    const stage = definition.stages.evaluate ?? null;
    const next = definition.chain[definition.chain.indexOf(evaluator.level as never) + 1];
    const level = stage && next && definition.chain.includes(evaluator.level as never) && stage.levels.includes(next) ? next : null;
    const persons = Boolean(stage?.persons);
    const candidates = await queries.evaluationSubjects(ctx.engine.db, { directiveId: input.directiveId, evaluatorPath: evaluator.path, level, persons });
    return {
      evaluator: { id: evaluator.id, name: evaluator.name, level: evaluator.level, path: evaluator.path },
      subjectLevel: level,
      persons,
      outcomes: stage?.outcomes ?? [],
      evidenceRequiredFor: stage?.evidenceRequiredFor ?? [],
      ...candidates,
    };
  }),
  /** What an evaluation can rest on: a unit's (or an assigned person's) tasks under the directive,
   * with state, lateness and latest answers. */
  evidence: authedProcedure
    .input(z.object({ directiveId: id, unitId: id.optional(), userId: id.optional(), limit: z.number().int().min(1).max(1000).default(300) }))
    .query(async ({ ctx, input }) => {
      if (!input.unitId === !input.userId) throw new TRPCError({ code: 'BAD_REQUEST', message: 'unitId [oneOf]: 须且只能指定一个单位或一个人 / give exactly one unit or one person' });
      await loadDirective(ctx.engine.db, input.directiveId);
      if (input.unitId) {
        const unit = await loadUnit(ctx.engine.db, input.unitId, 'unitId');
        requireRole(ctx.principal, READERS, unit.path, '查看证据|view evidence');
        return queries.evaluationEvidence(ctx.engine.db, input.directiveId, { unitPath: unit.path }, input.limit);
      }
      const paths = readablePaths(ctx.principal);
      if (paths.length === 0) throw new TRPCError({ code: 'FORBIDDEN', message: '无权查看证据 / not allowed to view evidence (needs admin or auditor)' });
      return queries.evaluationEvidence(ctx.engine.db, input.directiveId, { userId: input.userId as string, readablePaths: paths }, input.limit);
    }),
});

const caseCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('INVESTIGATE') }),
  z.object({ type: z.literal('DECIDE'), decision: z.enum(['sanction', 'no_fault']), finding: text(4000) }),
  z.object({ type: z.literal('REQUIRE_RECTIFICATION'), requirements: z.array(text(1000)).min(1).max(50), dueAt: isoDate.transform((d) => d.toISOString()) }),
  z.object({ type: z.literal('CLOSE_CASE'), summary: text(4000) }),
]);

export const casesRouter = router({
  /** Cases of a directive, each with the commands its current state accepts. */
  list: authedProcedure.input(z.object({ directiveId: id })).query(async ({ ctx, input }) => {
    const found = await loadDirective(ctx.engine.db, input.directiveId);
    const rows = await queries.listCases(ctx.engine.db, input.directiveId, readScope(ctx.principal, found.issuingUnit.path, '查看问责|view cases'));
    return Promise.all(rows.map(async (row) => ({ ...row, acceptedEvents: await caseActions(ctx.engine, row) })));
  }),
  get: authedProcedure.input(z.object({ caseId: id })).query(async ({ ctx, input }) => {
    const { path } = await loadInstanceScope(ctx.engine.db, input.caseId, 'case');
    requireRole(ctx.principal, READERS, path, '查看问责|view cases');
    const row = await queries.getCase(ctx.engine.db, input.caseId);
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `case ${input.caseId} 不存在 / not found` });
    return { ...row, acceptedEvents: await caseActions(ctx.engine, row) };
  }),
  /** Cases are run by the level above the unit concerned. */
  advance: authedProcedure.input(z.object({ caseId: id, command: caseCommand })).mutation(async ({ ctx, input }) => {
    const { path } = await loadInstanceScope(ctx.engine.db, input.caseId, 'case');
    requireAbove(ctx.principal, path, '办理问责|run accountability cases');
    await ctx.engine.advanceCase(ctx.principal.userId, input.caseId, input.command);
    return { ok: true };
  }),
});
