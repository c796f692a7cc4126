import { nextPeriodStart } from '@cascade/workflow';
import type { CommandContext } from '../runtime/commandContext.js';
import type { InstanceRow } from '../runtime/instanceRow.js';
import { scheduleTimer } from './timerRows.js';

/**
 * Arms, for each report stage of a directive's template (or the one given), the timer that starts
 * the period after `after` (default: now). One pending timer per stage (`period:<id>`): re-arming
 * replaces it. A start already in the past fires at the scheduler's next claim, so missed periods
 * open one after another after downtime.
 */
export async function schedulePeriods(ctx: CommandContext, directive: InstanceRow, stageId?: string, after: Date = ctx.now): Promise<void> {
  const { definition } = await ctx.templates.template(ctx.tx, directive.templateVersionId);
  const deadline = Date.parse((directive.snapshot.context as { deadline: string }).deadline);
  for (const stage of definition.stages.report.filter((r) => !stageId || r.id === stageId)) {
    const next = nextPeriodStart(after, stage, definition.timeZone);
    // No period starts after the directive's deadline.
    if (!next || next.getTime() > deadline) continue;
    await scheduleTimer(ctx, { instanceId: directive.id, key: `period:${stage.id}`, dueAt: next, event: { type: 'PERIOD_START', stageId: stage.id, periodStart: next.toISOString() } });
  }
}
