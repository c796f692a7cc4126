import { and, eq } from 'drizzle-orm';
import { instances } from '@cascade/db';
import { periodAt, type ReceiptContext } from '@cascade/workflow';
import { invalidField } from '../errors.js';
import type { CommandContext } from '../runtime/commandContext.js';
import type { InstanceRow } from '../runtime/instanceRow.js';
import { createTasks, type TasksFor } from '../runtime/createTasks.js';
import { loadInstance } from '../runtime/sendEvent.js';

const RECEIPT_ORDER = ['received', 'acknowledged', 'amended', 'forwarded'];

/** Receipt states only move forward, so "has reached" is an order comparison. */
function hasReached(state: string, startsOn: string): boolean {
  return RECEIPT_ORDER.indexOf(state) >= RECEIPT_ORDER.indexOf(startsOn);
}

/**
 * Creates this period's task for every unit whose receipt has started the report stage and is still
 * open. Idempotent: a unit that already has the period's task is skipped, whoever created it.
 */
export async function openPeriod(ctx: CommandContext, directiveId: string, stageId: string, at: Date = ctx.now): Promise<{ created: number; periodKey: string }> {
  const directive = await loadInstance(ctx, directiveId);
  const { definition } = await ctx.templates.template(ctx.tx, directive.templateVersionId);
  const stage = definition.stages.report.find((r) => r.id === stageId);
  if (!stage) throw invalidField('stageId', 'exists', `模板中没有报告 ${stageId}`, `the template has no report ${stageId}`);
  const receipts = (await ctx.tx
    .select()
    .from(instances)
    .where(and(eq(instances.directiveId, directiveId), eq(instances.machine, `receipt:${stage.level}`)))
    .orderBy(instances.orgUnitId)) as InstanceRow[];
  const items: TasksFor[] = [];
  let periodKey = '';
  for (const receipt of receipts) {
    if (receipt.snapshot.status !== 'active' || !hasReached(receipt.state, stage.startsOn)) continue;
    const context = receipt.snapshot.context as ReceiptContext;
    const period = periodAt(at, stage, definition.timeZone, new Date(context.deadline));
    periodKey = period.key;
    const forms = [stage.form, ...context.addedForms];
    const wanted = forms.map((form, i) => ({
      stageId: i === 0 ? stage.id : `${stage.id}+${form.key}@${form.version}`,
      kind: 'report' as const,
      formKey: form.key,
      formVersion: form.version,
      periodKey: period.key,
      dueAt: period.dueAt,
    }));
    items.push({ receipt, wanted });
  }
  // Every unit's task of the period in one batch: thousands of grids open a day in a few statements.
  const created = (await createTasks(ctx, items)).length;
  return { created, periodKey };
}
