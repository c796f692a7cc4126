import { z } from 'zod';
import { queries } from '@cascade/db';
import type { FormDefinition } from '@cascade/forms';
import type { TemplateDefinition } from '@cascade/workflow';
import { isWithin } from '@cascade/engine';
import { READERS, readablePaths, requireRole } from '../authority.js';
import { id } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';
import { loadDirective, loadUnit } from './loaders.js';
import { loadReportStage } from './reportStage.js';

const stageId = z.string().min(1).max(160);

export const reportsRouter = router({
  /** Roll-up of one report stage and period for a unit's subtree, with one row per child unit
   * (its own figures, for drilling down), the units whose report is missing, and the units above it
   * the reader may climb back to. */
  rollup: authedProcedure
    .input(z.object({ directiveId: id, stageId, periodKey: z.string().min(1).max(16), unitId: id }))
    .query(async ({ ctx, input }) => {
      const unit = await loadUnit(ctx.engine.db, input.unitId, 'unitId');
      requireRole(ctx.principal, READERS, unit.path, '查看汇总|view roll-ups');
      const found = await loadDirective(ctx.engine.db, input.directiveId);
      const { fields } = await loadReportStage(ctx.engine.db, found.directive.templateVersionId, input.stageId);
      const result = await queries.rollup(ctx.engine.db, {
        directiveId: input.directiveId,
        stageId: input.stageId,
        periodKey: input.periodKey,
        unitPath: unit.path,
        unitDepth: unit.depth,
        fields: fields.map((f) => ({ key: f.key, aggregate: f.aggregate })),
      });
      // The way back up for a breadcrumb: the unit and the units above it that the reader may open.
      const roots = readablePaths(ctx.principal);
      const ancestors = (await queries.listAncestors(ctx.engine.db, unit.path)).filter((u) => roots.some((root) => isWithin(u.path, root))).map((u) => ({ id: u.id, name: u.name, level: u.level }));
      return { unit: { id: unit.id, name: unit.name, level: unit.level, code: unit.code, path: unit.path }, ancestors, fields, ...result };
    }),
  /** The report stages with tasks in a unit's subtree and the periods that exist for each. */
  catalog: authedProcedure.input(z.object({ directiveId: id, unitId: id })).query(async ({ ctx, input }) => {
    const unit = await loadUnit(ctx.engine.db, input.unitId, 'unitId');
    requireRole(ctx.principal, READERS, unit.path, '查看汇总|view roll-ups');
    const found = await loadDirective(ctx.engine.db, input.directiveId);
    const template = await queries.getTemplateVersion(ctx.engine.db, found.directive.templateVersionId);
    const reports = (template?.definition as TemplateDefinition).stages.report;
    const entries = await queries.reportCatalog(ctx.engine.db, { directiveId: input.directiveId, unitPath: unit.path });
    return entries.map(({ formDefinition, ...entry }) => {
      const stage = reports.find((r) => r.id === entry.stageId.split('+')[0]);
      return { ...entry, name: stage?.name ?? (formDefinition as FormDefinition).title, formTitle: (formDefinition as FormDefinition).title, level: stage?.level ?? null, period: stage?.period ?? null };
    });
  }),
  /** One report stage over its periods for a unit's subtree: counts and aggregates per period. */
  trend: authedProcedure
    .input(z.object({ directiveId: id, stageId, unitId: id, limit: z.number().int().min(1).max(366).default(60) }))
    .query(async ({ ctx, input }) => {
      const unit = await loadUnit(ctx.engine.db, input.unitId, 'unitId');
      requireRole(ctx.principal, READERS, unit.path, '查看汇总|view roll-ups');
      const found = await loadDirective(ctx.engine.db, input.directiveId);
      const { fields } = await loadReportStage(ctx.engine.db, found.directive.templateVersionId, input.stageId);
      const points = await queries.reportTrend(ctx.engine.db, {
        directiveId: input.directiveId,
        stageId: input.stageId,
        unitPath: unit.path,
        fields: fields.map((f) => ({ key: f.key, aggregate: f.aggregate })),
        limit: input.limit,
      });
      return { fields, points };
    }),
  openPeriod: authedProcedure.input(z.object({ directiveId: id, stageId: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    const found = await loadDirective(ctx.engine.db, input.directiveId);
    requireRole(ctx.principal, ['admin'], found.issuingUnit.path, '开启报告周期|open report periods');
    return ctx.engine.openPeriod(ctx.principal.userId, input.directiveId, input.stageId);
  }),
});
