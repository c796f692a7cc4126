import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { queries } from '@cascade/db';
import { aggregatedFields, type FormDefinition } from '@cascade/forms';
import type { TemplateDefinition } from '@cascade/workflow';
import { READERS, requireRole } from '../authority.js';
import { id } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';
import { loadDirective, loadUnit } from './loaders.js';

export const reportsRouter = router({
  /** Roll-up of one report stage and period for a unit's subtree (drill down by calling it per child). */
  rollup: authedProcedure
    .input(z.object({ directiveId: id, stageId: z.string().min(1).max(160), periodKey: z.string().min(1).max(16), unitId: id }))
    .query(async ({ ctx, input }) => {
      const unit = await loadUnit(ctx.engine.db, input.unitId, 'unitId');
      requireRole(ctx.principal, READERS, unit.path, '查看汇总|view roll-ups');
      const found = await loadDirective(ctx.engine.db, input.directiveId);
      const template = await queries.getTemplateVersion(ctx.engine.db, found.directive.templateVersionId);
      const definition = template?.definition as TemplateDefinition;
      const [baseStageId, extra] = input.stageId.split('+');
      const stage = definition.stages.report.find((r) => r.id === baseStageId);
      if (!stage) throw new TRPCError({ code: 'BAD_REQUEST', message: `stageId [exists]: 模板中没有此报告 / the template has no report ${input.stageId}` });
      const [formKey, formVersion] = extra ? (extra.split('@') as [string, string]) : [stage.form.key, String(stage.form.version)];
      const form = await queries.getPublishedForm(ctx.engine.db, formKey, Number(formVersion));
      if (!form) throw new TRPCError({ code: 'BAD_REQUEST', message: `stageId [exists]: 表单不存在 / form ${formKey} v${formVersion} not found` });
      const fields = aggregatedFields(form.definition as FormDefinition);
      const result = await queries.rollup(ctx.engine.db, {
        directiveId: input.directiveId,
        stageId: input.stageId,
        periodKey: input.periodKey,
        unitPath: unit.path,
        unitDepth: unit.depth,
        fields: fields.map((f) => ({ key: f.key, aggregate: f.aggregate })),
      });
      return { unit: { id: unit.id, name: unit.name, level: unit.level }, fields, ...result };
    }),
  openPeriod: authedProcedure.input(z.object({ directiveId: id, stageId: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    const found = await loadDirective(ctx.engine.db, input.directiveId);
    requireRole(ctx.principal, ['admin'], found.issuingUnit.path, '开启报告周期|open report periods');
    return ctx.engine.openPeriod(ctx.principal.userId, input.directiveId, input.stageId);
  }),
});
