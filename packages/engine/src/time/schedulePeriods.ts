import { nextPeriodStart } from '@cascade/workflow';
import type { CommandContext } from '../runtime/commandContext.js';
import type { InstanceRow } from '../runtime/instanceRow.js';
import { scheduleTimer } from './timerRows.js';

/** Arms, for each report stage of a directive's template, the timer that starts its next period.
 * One pending timer per stage (`period:<id>`): re-arming replaces it. */
export async function schedulePeriods(ctx: CommandContext, directive: InstanceRow): Promise<void> {
  const { definition } = await ctx.templates.template(ctx.tx, directive.templateVersionId);
  const deadline = Date.parse((directive.snapshot.context as { deadline: string }).deadline);
  for (const stage of definition.stages.report) {
    const next = nextPeriodStart(ctx.now, stage, definition.timeZone);
    // No period starts after the directive's deadline.
    if (!next || next.getTime() > deadline) continue;
    await scheduleTimer(ctx, { instanceId: directive.id, key: `period:${stage.id}`, dueAt: next, event: { type: 'PERIOD_START', stageId: stage.id } });
  }
}
