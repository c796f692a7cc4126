import { periodAt, type ReceiptContext, type StageRef } from '@cascade/workflow';
import type { CommandContext } from './commandContext.js';
import { createTasks, type TaskWanted, type TasksFor } from './createTasks.js';
import type { InstanceRow } from './instanceRow.js';

export type StageStartRequest = { instance: InstanceRow; stages: StageRef[] };

/** The tasks a receipt's unit gets when its receipt reaches the state the stages start on: the current
 * report period of each report stage (and of each form added above), or the one screening task. */
async function tasksWanted(ctx: CommandContext, instance: InstanceRow, stages: StageRef[]): Promise<TaskWanted[]> {
  if (!instance.orgUnitId || !instance.directiveId) throw new Error(`receipt ${instance.id} lacks a unit or directive`);
  const { definition } = await ctx.templates.template(ctx.tx, instance.templateVersionId);
  const receipt = instance.snapshot.context as ReceiptContext;
  const deadline = new Date(receipt.deadline);
  const wanted: TaskWanted[] = [];
  for (const stage of stages) {
    if (stage.kind === 'report') {
      const report = definition.stages.report.find((r) => r.id === stage.id);
      if (!report) throw new Error(`template ${definition.key} has no report stage ${stage.id}`);
      const period = periodAt(ctx.now, report, definition.timeZone, deadline);
      wanted.push({ stageId: report.id, kind: 'report', formKey: report.form.key, formVersion: report.form.version, periodKey: period.key, dueAt: period.dueAt });
      // Forms added by amendments above are reported on the same rhythm as the template's report.
      for (const form of receipt.addedForms) {
        wanted.push({ stageId: `${report.id}+${form.key}@${form.version}`, kind: 'report', formKey: form.key, formVersion: form.version, periodKey: period.key, dueAt: period.dueAt });
      }
    } else {
      const screening = definition.stages.mobilize?.screening;
      if (!screening) throw new Error(`template ${definition.key} has no screening stage`);
      const dueAt = screening.dueWithinHours ? new Date(Math.min(ctx.now.getTime() + screening.dueWithinHours * 3_600_000, deadline.getTime())) : deadline;
      wanted.push({ stageId: 'screening', kind: 'screening', formKey: screening.form.key, formVersion: screening.form.version, periodKey: 'once', dueAt });
    }
  }
  return wanted;
}

/** Starts the stages of many receipts at once: their tasks are created in one batch, at most once
 * per unit, stage and period. */
export async function startStages(ctx: CommandContext, requests: StageStartRequest[]): Promise<void> {
  const items: TasksFor[] = [];
  for (const { instance, stages } of requests) items.push({ receipt: instance, wanted: await tasksWanted(ctx, instance, stages) });
  await createTasks(ctx, items);
}
