import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { queries, type Database, type Executor } from '@cascade/db';
import type { Principal } from '@cascade/engine';
import { grantCovering, readablePaths, requireAbove, READERS } from '../authority.js';
import { id, text } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';
import { loadTask, loadTaskScope } from './loaders.js';

/** What the authority checks read of a task; writes load only this (loadTaskScope). */
type Task = { directiveId: string; unit: { id: string; path: string } };

/** Grid staff work on tasks of units they hold the role over, or were assigned to for the directive. */
async function requireWorker(db: Executor, principal: Principal, task: Task): Promise<void> {
  if (grantCovering(principal, ['grid_staff'], task.unit.path)) return;
  if (await queries.isAssigned(db, principal.userId, task.directiveId, task.unit.id)) return;
  throw new TRPCError({ code: 'FORBIDDEN', message: '只能办理本人负责网格的任务 / you can only work on tasks of the grids you are responsible for' });
}

async function requireReader(db: Database, principal: Principal, task: Task): Promise<void> {
  if (grantCovering(principal, READERS, task.unit.path)) return;
  await requireWorker(db, principal, task);
}

export const tasksRouter = router({
  /** The signed-in user's tasks: grid staff see their grids' and assignments', admins their subtree's. */
  mine: authedProcedure
    .input(z.object({ state: z.array(z.string().max(32)).max(10).optional(), directiveId: id.optional() }).default({}))
    .query(async ({ ctx, input }) => {
      const paths = readablePaths(ctx.principal, ['grid_staff', 'admin']);
      return queries.listTasksForScope(ctx.engine.db, { paths, userId: ctx.principal.userId }, { ...(input.state ? { state: input.state } : {}), ...(input.directiveId ? { directiveId: input.directiveId } : {}) });
    }),
  get: authedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const task = await loadTask(ctx.engine.db, input.id);
    await requireReader(ctx.engine.db, ctx.principal, task);
    const submissions = await queries.listSubmissions(ctx.engine.db, task.id);
    const checklist = task.kind === 'screening' ? await queries.screeningChecklist(ctx.engine.db, task.id, task.unit.path) : null;
    // "Reuse yesterday's answers": the form opens pre-filled, and what changed since is marked.
    const previous = task.kind === 'report' ? await queries.previousAnswers(ctx.engine.db, { directiveId: task.directiveId, orgUnitId: task.unit.id, stageId: task.stageId, periodKey: task.periodKey }) : null;
    const current = submissions[0]?.data as Record<string, unknown> | undefined;
    const changedFromPrevious = current && previous ? queries.changedFields(previous.data as Record<string, unknown>, current) : [];
    // The answers in progress, so the worker can continue on another device.
    const draft = task.kind === 'report' ? await queries.getTaskDraft(ctx.engine.db, task.id) : null;
    // Work by assignment cannot be told from the grants the browser holds, so the server says.
    const assignedToMe = await queries.isAssigned(ctx.engine.db, ctx.principal.userId, task.directiveId, task.unit.id);
    return { ...task, submissions, checklist, previous, changedFromPrevious, draft, assignedToMe };
  }),
  saveDraft: authedProcedure.input(z.object({ taskId: id, data: z.record(z.string(), z.unknown()) })).mutation(async ({ ctx, input }) => {
    await requireWorker(ctx.engine.db, ctx.principal, await loadTaskScope(ctx.engine.db, input.taskId));
    return ctx.engine.saveDraft(ctx.principal.userId, input);
  }),
  discardDraft: authedProcedure.input(z.object({ taskId: id })).mutation(async ({ ctx, input }) => {
    await requireWorker(ctx.engine.db, ctx.principal, await loadTaskScope(ctx.engine.db, input.taskId));
    return ctx.engine.discardDraft(ctx.principal.userId, input.taskId);
  }),
  submit: authedProcedure
    .input(z.object({ taskId: id, data: z.record(z.string(), z.unknown()), idempotencyKey: z.string().trim().min(8).max(128) }))
    .mutation(async ({ ctx, input }) => {
      // Checked on the task the command reads, in its transaction: one read of the task, not two.
      return ctx.engine.submitReport(ctx.principal.userId, input, (task, tx) => requireWorker(tx, ctx.principal, task));
    }),
  return: authedProcedure.input(z.object({ taskId: id, comment: text(2000) })).mutation(async ({ ctx, input }) => {
    const task = await loadTaskScope(ctx.engine.db, input.taskId);
    requireAbove(ctx.principal, task.unit.path, '退回|return');
    await ctx.engine.returnTask(ctx.principal.userId, input.taskId, input.comment);
    return { ok: true };
  }),
  accept: authedProcedure.input(z.object({ taskId: id })).mutation(async ({ ctx, input }) => {
    const task = await loadTaskScope(ctx.engine.db, input.taskId);
    requireAbove(ctx.principal, task.unit.path, '审核通过|accept');
    await ctx.engine.acceptTask(ctx.principal.userId, input.taskId);
    return { ok: true };
  }),
  visit: authedProcedure.input(z.object({ taskId: id, householdId: id, data: z.record(z.string(), z.unknown()) })).mutation(async ({ ctx, input }) => {
    await requireWorker(ctx.engine.db, ctx.principal, await loadTaskScope(ctx.engine.db, input.taskId));
    await ctx.engine.recordVisit(ctx.principal.userId, input);
    return { ok: true };
  }),
  completeScreening: authedProcedure.input(z.object({ taskId: id })).mutation(async ({ ctx, input }) => {
    await requireWorker(ctx.engine.db, ctx.principal, await loadTaskScope(ctx.engine.db, input.taskId));
    await ctx.engine.completeScreening(ctx.principal.userId, input.taskId);
    return { ok: true };
  }),
});
