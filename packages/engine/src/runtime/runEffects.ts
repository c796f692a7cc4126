import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { instances, orgUnits, tasks } from '@cascade/db';
import { canApply, periodAt, type Effect, type Level, type ReceiptContext, type StageRef } from '@cascade/workflow';
import { escalateTask } from '../time/escalateTask.js';
import { schedulePeriods } from '../time/schedulePeriods.js';
import { cancelAllTimers, cancelTimer, scheduleTimer } from '../time/timerRows.js';
import { notify } from '../notify/notify.js';
import { openPeriod } from '../commands/openPeriod.js';
import type { CommandContext } from './commandContext.js';
import { createInstances, type InstanceSpec } from './createInstances.js';
import type { InstanceRow } from './instanceRow.js';
import { applyEvent } from './sendEvent.js';

type Pending = { instance: InstanceRow; effects: Effect[] };

async function unitPath(ctx: CommandContext, orgUnitId: string): Promise<string> {
  const [unit] = await ctx.tx.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, orgUnitId));
  if (!unit) throw new Error(`org unit ${orgUnitId} not found`);
  return unit.path;
}

/** Receipts for every unit of the next chain level under each forwarding unit, created in one batch. */
async function fanOut(ctx: CommandContext, items: Array<{ instance: InstanceRow; effect: Extract<Effect, { type: 'fanOut' }> }>): Promise<void> {
  const specs: InstanceSpec[] = [];
  for (const { instance, effect } of items) {
    if (!instance.orgUnitId) throw new Error(`instance ${instance.id} has no org unit to fan out from`);
    const path = await unitPath(ctx, instance.orgUnitId);
    const targets = await ctx.tx
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(like(orgUnits.path, `${path}/%`), eq(orgUnits.level, effect.toLevel)))
      .orderBy(orgUnits.path);
    for (const target of targets) {
      specs.push({
        machine: `receipt:${effect.toLevel as Level}`,
        templateVersionId: instance.templateVersionId,
        directiveId: instance.directiveId,
        parentId: instance.id,
        orgUnitId: target.id,
        input: effect.input,
      });
    }
  }
  await createInstances(ctx, specs);
}

/** Tasks for the unit whose receipt reached the state a stage starts on: the current report period,
 * or the one screening task. Created at most once per unit, stage and period. */
async function startStages(ctx: CommandContext, instance: InstanceRow, stages: StageRef[]): Promise<void> {
  if (!instance.orgUnitId || !instance.directiveId) throw new Error(`receipt ${instance.id} lacks a unit or directive`);
  const { definition } = await ctx.templates.template(ctx.tx, instance.templateVersionId);
  const receipt = instance.snapshot.context as ReceiptContext;
  const deadline = new Date(receipt.deadline);
  const wanted: Array<{ stageId: string; kind: 'report' | 'screening'; formKey: string; formVersion: number; periodKey: string; dueAt: Date }> = [];
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
  await createTasks(ctx, instance, wanted);
}

export type TaskWanted = { stageId: string; kind: 'report' | 'screening'; formKey: string; formVersion: number; periodKey: string; dueAt: Date };

/** Creates the tasks that do not exist yet; the unique key makes a second creator a no-op. */
export async function createTasks(ctx: CommandContext, receipt: InstanceRow, wanted: TaskWanted[]): Promise<InstanceRow[]> {
  const created: InstanceRow[] = [];
  for (const task of wanted) {
    const form = await ctx.templates.publishedForm(ctx.tx, task.formKey, task.formVersion);
    if (!form) throw new Error(`form ${task.formKey} v${task.formVersion} is not published`);
    const [existing] = await ctx.tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.directiveId, receipt.directiveId as string), eq(tasks.orgUnitId, receipt.orgUnitId as string), eq(tasks.stageId, task.stageId), eq(tasks.periodKey, task.periodKey)));
    if (existing) continue;
    const [row] = await createInstances(ctx, [
      {
        machine: task.kind === 'report' ? `task:report:${task.stageId.split('+')[0]}` : 'task:screening',
        templateVersionId: receipt.templateVersionId,
        directiveId: receipt.directiveId,
        parentId: receipt.id,
        orgUnitId: receipt.orgUnitId,
        input: { stageId: task.stageId, periodKey: task.periodKey, dueAt: task.dueAt.toISOString() },
      },
    ]);
    if (!row) continue;
    await ctx.tx.insert(tasks).values({
      id: row.id,
      directiveId: receipt.directiveId as string,
      orgUnitId: receipt.orgUnitId as string,
      kind: task.kind,
      stageId: task.stageId,
      formVersionId: form.id,
      periodKey: task.periodKey,
      dueAt: task.dueAt,
      createdAt: ctx.now,
    });
    created.push(row);
  }
  return created;
}

/** Closing a directive closes every receipt, task and registration under it that is still open. */
async function closeDirectiveWork(ctx: CommandContext, directive: InstanceRow): Promise<void> {
  const open = (await ctx.tx
    .select()
    .from(instances)
    .where(and(eq(instances.directiveId, directive.id), inArray(instances.kind, ['receipt', 'task', 'registration']), sql`${instances.snapshot}->>'status' = 'active'`))
    .orderBy(instances.createdAt, instances.id)) as InstanceRow[];
  for (const instance of open) {
    const compiled = await ctx.templates.template(ctx.tx, instance.templateVersionId);
    const close = { type: 'CLOSE', reason: 'directive closed' };
    if (canApply(compiled.machine(instance.machine), instance.snapshot, close)) await applyEvent(ctx, instance, close);
  }
}

async function openCase(ctx: CommandContext, evaluation: InstanceRow): Promise<void> {
  await createInstances(ctx, [
    {
      machine: 'case',
      templateVersionId: evaluation.templateVersionId,
      directiveId: evaluation.directiveId,
      parentId: evaluation.id,
      orgUnitId: evaluation.orgUnitId,
      subjectUserId: evaluation.subjectUserId,
    },
  ]);
}

/** Carries out effects in a fixed order so the same history always produces the same rows. */
export async function runEffects(ctx: CommandContext, pending: Pending[]): Promise<void> {
  const fanOuts: Array<{ instance: InstanceRow; effect: Extract<Effect, { type: 'fanOut' }> }> = [];
  for (const { instance, effects } of pending) {
    for (const effect of effects) {
      switch (effect.type) {
        case 'fanOut':
          fanOuts.push({ instance, effect });
          break;
        case 'startStages':
          await startStages(ctx, instance, effect.stages);
          break;
        case 'closeDirectiveWork':
          await closeDirectiveWork(ctx, instance);
          break;
        case 'openCase':
          await openCase(ctx, instance);
          break;
        case 'notify':
          await notify(ctx, instance, effect.audience, effect.kind);
          break;
        case 'setTimer':
          await scheduleTimer(ctx, { instanceId: instance.id, key: effect.timerId, dueAt: new Date(ctx.now.getTime() + (effect.delayMs ?? 0)), event: effect.event });
          break;
        case 'cancelTimer':
          await cancelTimer(ctx, instance.id, effect.timerId);
          break;
        case 'escalate':
          await escalateTask(ctx, instance);
          break;
        case 'openPeriod':
          await openPeriod(ctx, instance.id, effect.stageId, effect.periodStart ? new Date(effect.periodStart) : undefined);
          break;
        case 'schedulePeriods':
          await schedulePeriods(ctx, instance, effect.stageId, effect.after ? new Date(effect.after) : undefined);
          break;
      }
    }
    // A finished instance waits for nothing: whatever timers it still had are void.
    if (instance.snapshot.status === 'done') await cancelAllTimers(ctx, instance.id);
  }
  // Whole levels at a time: every receipt of one level is created before any of the next.
  if (fanOuts.length > 0) await fanOut(ctx, fanOuts);
}
