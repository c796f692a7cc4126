import { tracked } from '@trpc/server';
import { z } from 'zod';
import { queries } from '@cascade/db';
import type { InstanceChange } from '@cascade/engine';
import { isWithin } from '@cascade/engine';
import { READERS, readablePaths, requireRole } from '../authority.js';
import { formRef, id, isoDate, text } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';
import { loadDirective, loadInstanceScope, loadUnit } from './loaders.js';

export const directivesRouter = router({
  issue: authedProcedure
    .input(
      z.object({
        templateVersionId: id,
        issuingUnitId: id,
        title: text(200),
        body: text(20_000),
        requirements: z.array(text(1000)).max(100).default([]),
        deadline: isoDate,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const unit = await loadUnit(ctx.engine.db, input.issuingUnitId, 'issuingUnitId');
      requireRole(ctx.principal, ['admin'], unit.path, '下发通知|issue directives');
      return ctx.engine.issueDirective(ctx.principal.userId, input);
    }),
  list: authedProcedure.query(async ({ ctx }) => {
    const lists = await Promise.all(readablePaths(ctx.principal).map((p) => queries.listDirectivesForScope(ctx.engine.db, p)));
    const seen = new Map(lists.flat().map((d) => [d.id, d]));
    return [...seen.values()].sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime());
  }),
  get: authedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const found = await loadDirective(ctx.engine.db, input.id);
    const paths = readablePaths(ctx.principal);
    const issuedInScope = paths.some((p) => isWithin(found.issuingUnit.path, p));
    const receivedInScope = !issuedInScope && (await Promise.all(paths.map((p) => queries.listReceipts(ctx.engine.db, input.id, { withinPath: p, limit: 1 })))).some((r) => r.length > 0);
    if (!issuedInScope && !receivedInScope) requireRole(ctx.principal, READERS, found.issuingUnit.path, '查看通知|view this directive');
    const counts = await queries.receiptCountsByLevel(ctx.engine.db, input.id);
    return { ...found, counts };
  }),
  receipts: authedProcedure.input(z.object({ directiveId: id, parentId: id.optional() })).query(async ({ ctx, input }) => {
    await loadDirective(ctx.engine.db, input.directiveId);
    const lists = await Promise.all(
      readablePaths(ctx.principal).map((p) => queries.listReceipts(ctx.engine.db, input.directiveId, { withinPath: p, ...(input.parentId ? { parentId: input.parentId } : {}) })),
    );
    return lists.flat();
  }),
  close: authedProcedure.input(z.object({ id, reason: text(1000) })).mutation(async ({ ctx, input }) => {
    const found = await loadDirective(ctx.engine.db, input.id);
    requireRole(ctx.principal, ['admin'], found.issuingUnit.path, '关闭通知|close directives');
    await ctx.engine.closeDirective(ctx.principal.userId, input.id, input.reason);
    return { ok: true };
  }),
  /** Live changes of one directive's instances, over SSE; `tracked` ids let a reconnecting client resume. */
  onChange: authedProcedure.input(z.object({ directiveId: id })).subscription(async function* ({ ctx, input, signal }) {
    const found = await loadDirective(ctx.engine.db, input.directiveId);
    const paths = readablePaths(ctx.principal);
    if (!paths.some((p) => isWithin(found.issuingUnit.path, p))) requireRole(ctx.principal, READERS, found.issuingUnit.path, '订阅通知|follow this directive');
    const queue: InstanceChange[][] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = ctx.engine.subscribe((changes) => {
      const mine = changes.filter((c) => c.directiveId === input.directiveId);
      if (mine.length === 0) return;
      queue.push(mine);
      wake?.();
    });
    let seq = 0;
    try {
      while (!signal?.aborted) {
        const batch = queue.shift();
        if (batch) {
          yield tracked(String(++seq), batch);
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          signal?.addEventListener('abort', () => resolve(), { once: true });
        });
        wake = null;
      }
    } finally {
      unsubscribe();
    }
  }),
});

export const receiptsRouter = router({
  /** What waits on the signed-in admin's units. */
  inbox: authedProcedure.query(async ({ ctx }) => {
    const lists = await Promise.all(readablePaths(ctx.principal, ['admin']).map((p) => queries.listOpenReceiptsForScope(ctx.engine.db, p)));
    return lists.flat();
  }),
  acknowledge: authedProcedure.input(z.object({ receiptId: id })).mutation(async ({ ctx, input }) => {
    const { path } = await loadInstanceScope(ctx.engine.db, input.receiptId, 'receipt');
    requireRole(ctx.principal, ['admin'], path, '签收|acknowledge');
    await ctx.engine.acknowledge(ctx.principal.userId, input.receiptId);
    return { ok: true };
  }),
  amend: authedProcedure
    .input(z.object({ receiptId: id, requirements: z.array(text(1000)).max(50).default([]), forms: z.array(formRef).max(10).default([]), deadline: isoDate.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { path } = await loadInstanceScope(ctx.engine.db, input.receiptId, 'receipt');
      requireRole(ctx.principal, ['admin'], path, '补充要求|amend');
      await ctx.engine.amend(ctx.principal.userId, input.receiptId, { requirements: input.requirements, forms: input.forms, ...(input.deadline ? { deadline: input.deadline } : {}) });
      return { ok: true };
    }),
  forward: authedProcedure.input(z.object({ receiptId: id })).mutation(async ({ ctx, input }) => {
    const { path } = await loadInstanceScope(ctx.engine.db, input.receiptId, 'receipt');
    requireRole(ctx.principal, ['admin'], path, '转发|forward');
    await ctx.engine.forward(ctx.principal.userId, input.receiptId);
    return { ok: true };
  }),
});
