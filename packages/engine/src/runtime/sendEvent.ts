import { and, eq, sql } from 'drizzle-orm';
import type { WithSubquery } from 'drizzle-orm/subquery';
import { history, instances, placeholders, preparedStatement, setPlaceholder, type Executor } from '@cascade/db';
import { stepMachine, type Effect, type MachineEvent, type StepResult } from '@cascade/workflow';
import { notFound, VersionConflictError } from '../errors.js';
import { hashHistoryRow } from '../history/hashHistoryRow.js';
import { cancelPendingTimersQuery } from '../time/timerRows.js';
import type { CommandContext } from './commandContext.js';
import type { InstanceRow } from './instanceRow.js';
import { runEffects } from './runEffects.js';

/** Selects an instance with the hash of the history row its next event chains to (its version's). */
export const instanceWithTip = { instance: instances, tipHash: history.hash };
export const tipOfInstance = and(eq(history.instanceId, instances.id), eq(history.seq, instances.version));

export async function loadInstance(ctx: CommandContext, instanceId: string): Promise<InstanceRow> {
  const [row] = await ctx.tx.select(instanceWithTip).from(instances).leftJoin(history, tipOfInstance).where(eq(instances.id, instanceId));
  if (!row) throw notFound('instance', instanceId);
  ctx.chainTips.remember(instanceId, row.instance.version, row.tipHash);
  return row.instance as InstanceRow;
}

/** What a statement built by `eventStatement` runs with, besides the event's own values. */
export type EventWrite = (db: Executor, values: Record<string, unknown>) => Promise<Array<{ id: string }>>;

/**
 * Every event writes these, as one statement built once (see preparedStatement), so an event costs
 * one round trip to the database, not three: the history row and the cancellation of the timers the
 * step leaves behind (`keys`, empty for most steps) in CTEs, the snapshot as the statement. The
 * CTEs run whatever the version check finds; when it finds the instance moved on, the caller throws
 * and the transaction takes them back (a writer that got there first holds the seq, so the insert may
 * instead fail on history_instance_seq: retried the same way). `also` adds the CTEs of a record the
 * event produced (a submission), so that it too costs no round trip of its own.
 */
export function eventStatement(db: Executor, also: ReadonlyArray<WithSubquery> = []) {
  const appended = db
    .$with('appended')
    .as(db.insert(history).values(placeholders(['instanceId', 'seq', 'eventType', 'payload', 'actorId', 'fromState', 'toState', 'at', 'templateVersionId', 'prevHash', 'hash'])));
  const cancelled = db.$with('cancelled').as(cancelPendingTimersQuery(db));
  return db
    .with(appended, cancelled, ...also)
    .update(instances)
    .set({ state: setPlaceholder<string>('state'), snapshot: setPlaceholder<unknown>('snapshot'), version: setPlaceholder<number>('nextVersion'), updatedAt: setPlaceholder<Date>('updatedAt') })
    .where(and(eq(instances.id, sql.placeholder('id')), eq(instances.version, sql.placeholder('version'))))
    .returning({ id: instances.id });
}

const writeEvent: EventWrite = preparedStatement('write_event', (db) => eventStatement(db));

/** The timers the step cancels before any other effect: written with the event, the rest left to runEffects. */
function leadingCancels(effects: readonly Effect[]): { keys: string[]; rest: Effect[] } {
  let i = 0;
  while (i < effects.length && effects[i]?.type === 'cancelTimer') i++;
  return { keys: effects.slice(0, i).map((e) => (e as Extract<Effect, { type: 'cancelTimer' }>).timerId), rest: effects.slice(i) };
}

/**
 * Applies one event to one instance: compute the step, write the snapshot only if nobody else wrote
 * it since it was read (optimistic lock on `version`), append the history row chained to the last
 * one, and carry out the effects. All in the caller's transaction, at the caller's `now`: a fired
 * timer passes its due time, so what it sets in motion is dated as if it had fired on time.
 * `alongside` is the statement that writes the event when a command adds rows of its own to it (built
 * with eventStatement), and the values of those rows.
 */
export async function applyEvent(
  outer: CommandContext,
  current: InstanceRow,
  unstamped: MachineEvent,
  alongside: { write: EventWrite; values: Record<string, unknown> } = { write: writeEvent, values: {} },
): Promise<{ instance: InstanceRow; result: StepResult }> {
  // An instance's history runs forward in time: an event is never stamped before the instance's last
  // one (a timer fired late may act on an instance a person changed in the meantime). The event's time
  // is everything's time from here: its history row, and the timers and rows its effects write.
  const ctx = current.updatedAt.getTime() > outer.now.getTime() ? { ...outer, now: current.updatedAt } : outer;
  // The event's time is part of the event, recorded in history, so replay computes the same delays.
  const event: MachineEvent = { ...unstamped, at: ctx.now.toISOString() };
  const compiled = await ctx.templates.template(ctx.tx, current.templateVersionId);
  const result = stepMachine(compiled.machine(current.machine), current.snapshot, event);
  const prevHash = ctx.chainTips.take(current.id, current.version) ?? (await readHash(ctx, current.id, current.version));
  const { type, ...payload } = event;
  const fields = {
    instanceId: current.id,
    seq: current.version + 1,
    eventType: type,
    payload,
    actorId: ctx.actorId,
    fromState: current.state,
    toState: result.state,
    at: ctx.now.toISOString(),
    templateVersionId: current.templateVersionId,
    prevHash,
  };
  const { keys, rest } = leadingCancels(result.effects);
  const own = {
    ...fields,
    keys,
    now: ctx.now,
    hash: hashHistoryRow(fields),
    id: current.id,
    version: current.version,
    nextVersion: current.version + 1,
    state: result.state,
    snapshot: result.snapshot,
    updatedAt: ctx.now,
  };
  // One statement takes both sets of values by name: a command's value named like one of the event's
  // would bind the same placeholder as the event's and one of them would be written silently wrong.
  const clash = Object.keys(alongside.values).find((name) => name in own);
  if (clash !== undefined) throw new Error(`applyEvent: the command's value "${clash}" has the name of one of the event's own values`);
  const updated = await alongside.write(ctx.tx, { ...alongside.values, ...own });
  if (updated.length === 0) throw new VersionConflictError(current.id);
  const instance: InstanceRow = { ...current, state: result.state, snapshot: result.snapshot, version: current.version + 1, updatedAt: ctx.now };
  ctx.changes.record({ instanceId: instance.id, directiveId: instance.directiveId, kind: instance.kind, orgUnitId: instance.orgUnitId, state: instance.state });
  await runEffects(ctx, [{ instance, effects: rest }]);
  return { instance, result };
}

async function readHash(ctx: CommandContext, instanceId: string, seq: number): Promise<string> {
  const [row] = await ctx.tx
    .select({ hash: history.hash })
    .from(history)
    .where(and(eq(history.instanceId, instanceId), eq(history.seq, seq)));
  if (!row) throw new Error(`history of instance ${instanceId} has no row ${seq}`);
  return row.hash;
}

export async function sendEvent(ctx: CommandContext, instanceId: string, event: MachineEvent) {
  return applyEvent(ctx, await loadInstance(ctx, instanceId), event);
}
