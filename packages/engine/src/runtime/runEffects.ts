import { and, eq, inArray, sql } from 'drizzle-orm';
import { instances } from '@cascade/db';
import { canApply, type Effect } from '@cascade/workflow';
import { escalateTask } from '../time/escalateTask.js';
import { schedulePeriods } from '../time/schedulePeriods.js';
import { TimerBook } from '../time/timerBook.js';
import { cancelAllTimers, cancelTimers, insertTimers, scheduleTimer } from '../time/timerRows.js';
import { notify } from '../notify/notify.js';
import { openPeriod } from '../commands/openPeriod.js';
import type { CommandContext } from './commandContext.js';
import { createInstances } from './createInstances.js';
import { fanOut, forwarderOf, type FanOutItem } from './fanOut.js';
import type { InstanceRow } from './instanceRow.js';
import { applyEvent } from './sendEvent.js';
import { startStages, type StageStartRequest } from './startStages.js';

type Pending = { instance: InstanceRow; effects: Effect[] };

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

/**
 * Carries out every effect except fan-outs, which it returns for the caller to run a whole level at a
 * time. Effects run in a fixed order so the same history always produces the same rows. For instances
 * created in this command (`fresh`), stage starts and timers are gathered and written in batches: none
 * of them can meet an existing row of these instances, so the rows come out as one by one.
 */
export async function runLocalEffects(ctx: CommandContext, pending: Pending[], options: { fresh?: boolean } = {}): Promise<FanOutItem[]> {
  const fanOuts: FanOutItem[] = [];
  const stageStarts: StageStartRequest[] = [];
  const book = options.fresh ? new TimerBook() : null;
  for (const { instance, effects } of pending) {
    // Cancellations in a row go out as one statement, before whatever effect follows them, so the
    // rows come out as if each had been written in turn (a timer cancelled and set again stays set).
    let cancels: string[] = [];
    for (const effect of effects) {
      if (effect.type === 'cancelTimer' && !book) {
        cancels.push(effect.timerId);
        continue;
      }
      if (cancels.length > 0) {
        await cancelTimers(ctx, instance.id, cancels);
        cancels = [];
      }
      switch (effect.type) {
        case 'fanOut':
          fanOuts.push({ forwarder: forwarderOf(instance), effect });
          break;
        case 'startStages':
          if (book) stageStarts.push({ instance, stages: effect.stages });
          else await startStages(ctx, [{ instance, stages: effect.stages }]);
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
        case 'setTimer': {
          const spec = { instanceId: instance.id, key: effect.timerId, dueAt: new Date(ctx.now.getTime() + (effect.delayMs ?? 0)), event: effect.event };
          if (book) book.set(spec);
          else await scheduleTimer(ctx, spec);
          break;
        }
        case 'cancelTimer':
          book?.cancel(instance.id, effect.timerId);
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
    // A finished instance waits for nothing: whatever timers it still had are void, those just
    // cancelled among them.
    if (instance.snapshot.status === 'done') {
      if (book) book.cancelAll(instance.id);
      else await cancelAllTimers(ctx, instance.id);
    } else if (cancels.length > 0) await cancelTimers(ctx, instance.id, cancels);
  }
  if (stageStarts.length > 0) await startStages(ctx, stageStarts);
  if (book) await insertTimers(ctx, book.rows());
  return fanOuts;
}

/** Carries out the effects of events applied to existing instances, fan-outs included. */
export async function runEffects(ctx: CommandContext, pending: Pending[]): Promise<void> {
  await fanOut(ctx, await runLocalEffects(ctx, pending));
}
