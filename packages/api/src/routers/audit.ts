import { z } from 'zod';
import { queries, type Database } from '@cascade/db';
import { isWithin, type Principal } from '@cascade/engine';
import { describeMachine, type MachineGraph, type MachineKey } from '@cascade/workflow';
import { READERS, readablePaths, requireRole } from '../authority.js';
import { id } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';
import { loadDirective, loadInstanceScope, loadUnit } from './loaders.js';

export const INSTANCE_KINDS = ['directive', 'receipt', 'task', 'registration', 'evaluation', 'case'] as const;

const instancesInput = z
  .object({
    directiveId: id.optional(),
    unitId: id.optional(),
    subtree: z.boolean().default(false),
    kind: z.enum(INSTANCE_KINDS).optional(),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
  })
  .refine((v) => v.directiveId !== undefined || v.unitId !== undefined, {
    path: ['directiveId'],
    params: { rule: 'required', message: { zh: 'directiveId:请指定通知或单位(unitId)', en: 'directiveId: name a directive or a unit (unitId)' } },
  });

const directiveHistoryInput = z.object({
  directiveId: id,
  after: z.object({ instanceId: id, seq: z.number().int().min(1) }).nullish(),
  limit: z.number().int().min(1).max(2000).default(500),
});

/** A directive is the reader's to audit when it was issued within their reach; one issued above them
 * is theirs only for the part that reached them, so an empty part means no access at all. */
async function requireDirectiveReader(db: Database, principal: Principal, directiveId: string, foundAny: () => Promise<boolean>) {
  const found = await loadDirective(db, directiveId);
  const issuedInScope = readablePaths(principal).some((p) => isWithin(found.issuingUnit.path, p));
  if (!issuedInScope && !(await foundAny())) requireRole(principal, READERS, found.issuingUnit.path, '审计此通知|audit this directive');
  return found;
}

export const auditRouter = router({
  /** The full state history of one instance (directive, receipt, task, registration, evaluation or case),
   * with its unit, directive, template version and the graph of the machine it runs, so a reader can
   * see every row on the rules it was recorded under. */
  history: authedProcedure.input(z.object({ instanceId: id })).query(async ({ ctx, input }) => {
    const db = ctx.engine.db;
    const { instance, path } = await loadInstanceScope(db, input.instanceId);
    requireRole(ctx.principal, READERS, path, '查看历史|read history');
    const [rows, unit, directive, templateVersion] = await Promise.all([
      queries.listHistory(db, input.instanceId),
      instance.orgUnitId ? queries.getOrgUnit(db, instance.orgUnitId) : undefined,
      instance.directiveId ? queries.getDirective(db, instance.directiveId) : undefined,
      queries.getTemplateVersion(db, instance.templateVersionId),
    ]);
    let machine: MachineGraph | null = null;
    try {
      machine = describeMachine((await ctx.engine.templates.template(db, instance.templateVersionId)).machine(instance.machine as MachineKey));
    } catch {
      // A template version that no longer compiles is exactly what verify reports; the rows still show.
      machine = null;
    }
    return {
      instance,
      unit: unit ? { id: unit.id, name: unit.name, code: unit.code, level: unit.level, path: unit.path } : null,
      directive: directive ? { id: directive.directive.id, title: directive.directive.title } : null,
      templateVersion: templateVersion ? { id: templateVersion.id, key: templateVersion.key, version: templateVersion.version } : null,
      machine,
      rows,
    };
  }),
  /** The instances to audit for a directive, a unit (or its subtree), or both, one page at a time. */
  instances: authedProcedure.input(instancesInput).query(async ({ ctx, input }) => {
    const db = ctx.engine.db;
    const unit = input.unitId ? await loadUnit(db, input.unitId, 'unitId') : undefined;
    if (unit) requireRole(ctx.principal, READERS, unit.path, '审计此单位|audit this unit');
    const list = () =>
      queries.listAuditInstances(db, {
        scopes: readablePaths(ctx.principal),
        directiveId: input.directiveId,
        unitPath: unit?.path,
        subtree: input.subtree,
        kind: input.kind,
        limit: input.pageSize,
        offset: (input.page - 1) * input.pageSize,
      });
    if (!input.directiveId) return list();
    let result: Awaited<ReturnType<typeof list>> | undefined;
    await requireDirectiveReader(db, ctx.principal, input.directiveId, async () => (result = await list()).total > 0);
    return result ?? list();
  }),
  /** Every history row of a directive within the reader's reach, chain by chain, a page after `after`:
   * what an export of the whole directive is made from. */
  directiveHistory: authedProcedure.input(directiveHistoryInput).query(async ({ ctx, input }) => {
    const db = ctx.engine.db;
    const page = () => queries.listDirectiveHistory(db, { directiveId: input.directiveId, scopes: readablePaths(ctx.principal), after: input.after ?? null, limit: input.limit });
    let rows: Awaited<ReturnType<typeof page>> | undefined;
    await requireDirectiveReader(db, ctx.principal, input.directiveId, async () => (rows = await page()).length > 0 || input.after != null);
    rows ??= await page();
    const last = rows.at(-1);
    return { rows, next: rows.length === input.limit && last ? { instanceId: last.instanceId, seq: last.seq } : null };
  }),
  /** Re-checks the hash chains and replays every instance of a directive. */
  verify: authedProcedure.input(z.object({ directiveId: id })).mutation(async ({ ctx, input }) => {
    const found = await loadDirective(ctx.engine.db, input.directiveId);
    requireRole(ctx.principal, READERS, found.issuingUnit.path, '核验|verify');
    return ctx.engine.verifyAudit({ directiveId: input.directiveId });
  }),
  /** Re-checks the hash chain of one instance and replays it through its template version. */
  verifyInstance: authedProcedure.input(z.object({ instanceId: id })).mutation(async ({ ctx, input }) => {
    const { path } = await loadInstanceScope(ctx.engine.db, input.instanceId);
    requireRole(ctx.principal, READERS, path, '核验|verify');
    return ctx.engine.verifyAudit({ instanceId: input.instanceId });
  }),
});
