import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { queries } from '@cascade/db';
import { isWithin } from '@cascade/engine';
import { assignableLevels, type TemplateDefinition } from '@cascade/workflow';
import { READERS, readablePaths, requireRole } from '../authority.js';
import { id } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';
import { loadDirective, loadInstanceScope, loadUnit } from './loaders.js';

export const mobilizeRouter = router({
  /** 包网格 / 包户 / 下沉: put a person on a unit or household for a directive. */
  assign: authedProcedure.input(z.object({ directiveId: id, userId: id, orgUnitId: id })).mutation(async ({ ctx, input }) => {
    const unit = await loadUnit(ctx.engine.db, input.orgUnitId, 'orgUnitId');
    requireRole(ctx.principal, ['admin'], unit.path, '分配人员|assign people');
    return ctx.engine.assignPerson(ctx.principal.userId, input);
  }),
  /** Which levels a directive puts people on (its template's mobilisation stage), for the assign form. */
  options: authedProcedure.input(z.object({ directiveId: id })).query(async ({ ctx, input }) => {
    const found = await loadDirective(ctx.engine.db, input.directiveId);
    const issuer = found.issuingUnit.path;
    // The directive concerns the caller when it was issued within their area or reaches down into it.
    if (!readablePaths(ctx.principal).some((p) => isWithin(issuer, p) || isWithin(p, issuer))) requireRole(ctx.principal, READERS, issuer, '查看通知|view this directive');
    const template = await queries.getTemplateVersion(ctx.engine.db, found.directive.templateVersionId);
    const mobilize = (template?.definition as TemplateDefinition | undefined)?.stages.mobilize;
    return { levels: assignableLevels(mobilize), registrationLevel: mobilize?.registrationLevel ?? null };
  }),
  /** Who is assigned within a unit's subtree, with each one's registration (报到) state. */
  list: authedProcedure.input(z.object({ orgUnitId: id, directiveId: id.optional() })).query(async ({ ctx, input }) => {
    const unit = await loadUnit(ctx.engine.db, input.orgUnitId, 'orgUnitId');
    requireRole(ctx.principal, READERS, unit.path, '查看人员分配|view assignments');
    return queries.listAssignments(ctx.engine.db, { withinPath: unit.path, ...(input.directiveId ? { directiveId: input.directiveId } : {}) });
  }),
  /** The caller's own assignments: where they must register (报到) or which households they hold. */
  mine: authedProcedure.query(async ({ ctx }) => queries.listAssignments(ctx.engine.db, { userId: ctx.principal.userId })),
  /** 包户到人 coverage per grid within a unit, for one directive. */
  coverage: authedProcedure.input(z.object({ orgUnitId: id, directiveId: id })).query(async ({ ctx, input }) => {
    const unit = await loadUnit(ctx.engine.db, input.orgUnitId, 'orgUnitId');
    requireRole(ctx.principal, READERS, unit.path, '查看包户覆盖|view coverage');
    await loadDirective(ctx.engine.db, input.directiveId);
    return queries.gridCoverage(ctx.engine.db, unit.path, input.directiveId);
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
  /** Withdraws an assignment: releases a registered cadre, closes an unanswered registration, ends a 包户. */
  unassign: authedProcedure.input(z.object({ assignmentId: id })).mutation(async ({ ctx, input }) => {
    const found = await queries.getAssignment(ctx.engine.db, input.assignmentId);
    if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: `分配不存在 / assignment ${input.assignmentId} not found` });
    requireRole(ctx.principal, ['admin'], found.path, '撤销分配|withdraw assignments');
    return ctx.engine.releaseAssignment(ctx.principal.userId, input.assignmentId);
  }),
});
