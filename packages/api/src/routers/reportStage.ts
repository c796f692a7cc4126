import { TRPCError } from '@trpc/server';
import { queries, type Database } from '@cascade/db';
import { aggregatedFields, type FormDefinition } from '@cascade/forms';
import type { TemplateDefinition } from '@cascade/workflow';

/**
 * The report stage a roll-up is about and the fields it aggregates. A stage id is the template's
 * report id, or `<id>+<formKey>@<version>` for a form a level added by amendment.
 */
export async function loadReportStage(db: Database, templateVersionId: string, stageId: string) {
  const template = await queries.getTemplateVersion(db, templateVersionId);
  const definition = template?.definition as TemplateDefinition;
  const [baseStageId, extra] = stageId.split('+');
  const stage = definition.stages.report.find((r) => r.id === baseStageId);
  if (!stage) throw new TRPCError({ code: 'BAD_REQUEST', message: `stageId [exists]: 模板中没有此报告 / the template has no report ${stageId}` });
  const [formKey, formVersion] = extra ? (extra.split('@') as [string, string]) : [stage.form.key, String(stage.form.version)];
  const form = await queries.getPublishedForm(db, formKey, Number(formVersion));
  if (!form) throw new TRPCError({ code: 'BAD_REQUEST', message: `stageId [exists]: 表单不存在 / form ${formKey} v${formVersion} not found` });
  return { stage, form: form.definition as FormDefinition, fields: aggregatedFields(form.definition as FormDefinition) };
}
