import { tracked, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { queries, type Database } from '@cascade/db';
import type { FanOutProgress, InstanceChange, Principal } from '@cascade/engine';
import { DomainError, isWithin } from '@cascade/engine';
import { READERS, readablePaths, requireRole } from '../authority.js';
import { formRef, id, isoDate, text } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';
import { loadDirective, loadInstanceScope, loadUnit } from './loaders.js';
import { receiptView } from './receiptView.js';

/** A directive is readable by readers of its issuing unit's subtree, and by readers of any unit that received it. */
async function requireDirectiveReader(db: Database, principal: Principal, found: Awaited<ReturnType<typeof loadDirective>>, action: string): Promise<void> {
  const paths = readablePaths(principal);
  if (paths.some((p) => isWithin(found.issuingUnit.path, p))) return;
  const received = await Promise.all(paths.map((p) => queries.listReceipts(db, found.directive.id, { withinPath: p, limit: 1 })));
  if (received.some((r) => r.length > 0)) return;
  requireRole(principal, READERS, found.issuingUnit.path, action);
}

/**
 * Directives being issued by this process, by the id their caller chose, with the issuing unit's path:
 * their fan-out can be followed (onFanOutProgress) while the issuing transaction runs, before anyone
 * can read the directive itself. Progress listeners are in-process too, so nothing else needs to know.
 */
const issuing = new Map<string, string>();

export const directivesRouter = router({
  issue: authedProcedure
    .input(
      z.object({
        /** Optional and chosen by the client, so it can subscribe to onFanOutProgress before issuing. */
        id: id.optional(),
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
      if (!input.id) return ctx.engine.issueDirective(ctx.principal.userId, input);
      if (issuing.has(input.id)) throw new DomainError('CONFLICT', 'a directive with this id is being issued', [{ path: 'id', rule: 'unique', message: { zh: '该通知编号正在下发', en: 'a directive with this id is being issued' } }]);
      issuing.set(input.id, unit.path);
      try {
        return await ctx.engine.issueDirective(ctx.principal.userId, { ...input, id: input.id });
      } finally {
        issuing.delete(input.id);
      }
    }),
  /** Directives issued or received within the reader's units, newest first, with how far each cascade got. */
  list: authedProcedure.query(async ({ ctx }) => {
    const lists = await Promise.all(readablePaths(ctx.principal).map((p) => queries.listDirectivesForScope(ctx.engine.db, p)));
    const seen = new Map(lists.flat().map((d) => [d.id, d]));
    const totals = new Map((await queries.receiptTotalsByDirective(ctx.engine.db, [...seen.keys()])).map((t) => [t.directiveId, t]));
    return [...seen.values()]
      .sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())
      .map((d) => {
        const t = totals.get(d.id);
        return { ...d, receipts: { total: t?.total ?? 0, waiting: t?.waiting ?? 0, forwarded: t?.forwarded ?? 0, late: t?.late ?? 0 } };
      });
  }),
  get: authedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const found = await loadDirective(ctx.engine.db, input.id);
    await requireDirectiveReader(ctx.engine.db, ctx.principal, found, '查看通知|view this directive');
    const counts = await queries.receiptCountsByLevel(ctx.engine.db, input.id);
    return { ...found, counts };
  }),
  receipts: authedProcedure.input(z.object({ directiveId: id, parentId: id.optional() })).query(async ({ ctx, input }) => {
    await loadDirective(ctx.engine.db, input.directiveId);
    const lists = await Promise.all(
      readablePaths(ctx.principal).map((p) => queries.listReceipts(ctx.engine.db, input.directiveId, { withinPath: p, ...(input.parentId ? { parentId: input.parentId } : {}) })),
    );
    // An admin who is also an auditor of an overlapping unit would otherwise see a receipt twice.
    return [...new Map(lists.flat().map((r) => [r.id, r])).values()].sort((a, b) => (a.unit.path < b.unit.path ? -1 : a.unit.path > b.unit.path ? 1 : 0));
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
    // Whoever may read the directive may watch it: a township follows the part of the cascade below it.
    await requireDirectiveReader(ctx.engine.db, ctx.principal, found, '订阅通知|follow this directive');
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
  /**
   * How far a fan-out of this directive has got, per level: while the issuing (or forwarding)
   * transaction runs, then `done` per level after it commits. Same readers as onChange. A directive
   * still being issued under a client-chosen id is checked against its issuing unit as soon as its
   * first progress arrives (it cannot be read before it commits).
   */
  onFanOutProgress: authedProcedure.input(z.object({ directiveId: id })).subscription(async function* ({ ctx, input, signal }) {
    const found = await queries.getDirective(ctx.engine.db, input.directiveId);
    let allowed = false;
    if (found) {
      await requireDirectiveReader(ctx.engine.db, ctx.principal, found, '订阅通知|follow this directive');
      allowed = true;
    }
    const queue: FanOutProgress[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = ctx.engine.subscribeProgress((progress) => {
      if (progress.directiveId !== input.directiveId) return;
      queue.push(progress);
      wake?.();
    });
    try {
      while (!signal?.aborted) {
        const progress = queue.shift();
        if (progress) {
          if (!allowed) {
            const path = issuing.get(input.directiveId) ?? (await loadDirective(ctx.engine.db, input.directiveId)).issuingUnit.path;
            requireRole(ctx.principal, READERS, path, '订阅通知|follow this directive');
            allowed = true;
          }
          yield progress;
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
    const lists = await Promise.all(readablePaths(ctx.principal, ['admin']).map((p) => queries.listReceiptInbox(ctx.engine.db, p)));
    const rows = [...new Map(lists.flat().map((r) => [r.id, r])).values()];
    return Promise.all(rows.map((row) => receiptView(ctx.engine, row)));
  }),
  /** One receipt with what the unit above required and what this unit added: for admins and auditors over the unit. */
  get: authedProcedure.input(z.object({ receiptId: id })).query(async ({ ctx, input }) => {
    const row = await queries.getReceiptDetail(ctx.engine.db, input.receiptId);
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `回执不存在 / receipt ${input.receiptId} not found` });
    requireRole(ctx.principal, READERS, row.unit.path, '查看回执|view this receipt');
    return receiptView(ctx.engine, row);
  }),
  /** Units below the admin's that are late now in any cascade: not acknowledged or not passed down in time, or with escalated tasks. */
  late: authedProcedure.query(async ({ ctx }) => {
    const lists = await Promise.all(readablePaths(ctx.principal, ['admin']).map((p) => queries.listLateReceiptsForScope(ctx.engine.db, p)));
    return [...new Map(lists.flat().map((r) => [r.id, r])).values()].map(({ snapshot, ...r }) => {
      const context = (snapshot as { context: { lateToAcknowledge: boolean; lateToForward: boolean; escalations?: number; deadline: string } }).context;
      return { ...r, deadline: context.deadline, lateToAcknowledge: context.lateToAcknowledge, lateToForward: context.lateToForward, escalations: context.escalations ?? 0 };
    });
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
