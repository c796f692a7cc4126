import { and, eq, like, sql } from 'drizzle-orm';
import { instances, tasks } from '@cascade/db';
import { canApply } from '@cascade/workflow';
import type { CommandContext } from '../runtime/commandContext.js';
import { createInstances } from '../runtime/createInstances.js';
import type { InstanceRow } from '../runtime/instanceRow.js';
import { applyEvent, loadInstance } from '../runtime/sendEvent.js';
import { notify } from '../notify/notify.js';

/**
 * A report task stayed overdue past the escalation delay: its unit's receipt records it (so the level
 * above sees it on the cascade), and when the template says so, N missed periods of the same report
 * open an accountability case about the unit — once per receipt.
 */
export async function escalateTask(ctx: CommandContext, task: InstanceRow): Promise<void> {
  if (!task.parentId) return;
  const receipt = await loadInstance(ctx, task.parentId);
  const compiled = await ctx.templates.template(ctx.tx, receipt.templateVersionId);
  const escalated = { type: 'TASK_ESCALATED', taskId: task.id };
  if (canApply(compiled.machine(receipt.machine), receipt.snapshot, escalated)) await applyEvent(ctx, receipt, escalated);

  const [facts] = await ctx.tx.select({ stageId: tasks.stageId }).from(tasks).where(eq(tasks.id, task.id));
  const baseStage = facts?.stageId.split('+')[0];
  const stage = compiled.definition.stages.report.find((r) => r.id === baseStage);
  if (!stage?.accountableAfterMissed || !task.orgUnitId || !task.directiveId) return;
  const [missed] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(tasks)
    .innerJoin(instances, eq(instances.id, tasks.id))
    .where(and(eq(tasks.directiveId, task.directiveId), eq(tasks.orgUnitId, task.orgUnitId), like(tasks.stageId, `${stage.id}%`), eq(instances.state, 'overdue')));
  if ((missed?.n ?? 0) < stage.accountableAfterMissed) return;
  const [open] = await ctx.tx.select({ id: instances.id }).from(instances).where(and(eq(instances.parentId, receipt.id), eq(instances.kind, 'case')));
  if (open) return;
  const [opened] = await createInstances(ctx, [
    {
      machine: 'case',
      templateVersionId: receipt.templateVersionId,
      directiveId: receipt.directiveId,
      parentId: receipt.id,
      orgUnitId: receipt.orgUnitId,
      input: { reason: 'missedReports', stageId: stage.id, missed: missed?.n ?? 0 },
    },
  ]);
  if (opened) await notify(ctx, opened, 'parentAdmins', 'accountabilityOpened', { missed: missed?.n ?? 0, stageId: stage.id });
}
