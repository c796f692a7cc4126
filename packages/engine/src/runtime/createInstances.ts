import { randomUUID } from 'node:crypto';
import { history, instances } from '@cascade/db';
import { startMachine, type MachineKey, type StepResult } from '@cascade/workflow';
import { canonicalJson } from '../history/canonicalJson.js';
import { hashHistoryRow } from '../history/hashHistoryRow.js';
import type { CommandContext } from './commandContext.js';
import type { InstanceRow } from './instanceRow.js';
import { fanOut, type FanOutItem } from './fanOut.js';
import { runLocalEffects } from './runEffects.js';

export type InstanceSpec = {
  id?: string;
  machine: MachineKey;
  templateVersionId: string;
  directiveId: string | null;
  parentId: string | null;
  orgUnitId: string | null;
  subjectUserId?: string | null;
  input?: unknown;
};

/** Rows per INSERT statement: large enough to amortise round trips, small enough for parameter limits. */
const CHUNK = 500;

export const INIT_EVENT = 'xstate.init';

export type CreateOptions = {
  /** Called after each chunk's instances exist with everything entering their states asked for,
   * except the next level of a fan-out (which follows once the whole level exists). */
  onChunk?: (rows: InstanceRow[]) => void | Promise<void>;
};

/**
 * Creates instances in bulk, each with its first history row, then carries out what entering their
 * initial states asks for (which may create more, level by level down a chain). Works a chunk at a
 * time: instances and history rows in one statement each, then the chunk's tasks and timers in
 * batches; the fan-outs of all chunks run together afterwards, so every instance of one level exists
 * before any of the next. Instances with the same machine and input start identically, so each
 * distinct start is computed once.
 */
export async function createInstances(ctx: CommandContext, specs: InstanceSpec[], options: CreateOptions = {}): Promise<InstanceRow[]> {
  if (specs.length === 0) return [];
  const starts = new Map<string, StepResult>();
  const at = ctx.now.toISOString();
  const created: Array<{ row: InstanceRow; result: StepResult }> = [];
  const historyRows: Array<typeof history.$inferInsert> = [];
  for (const spec of specs) {
    const compiled = await ctx.templates.template(ctx.tx, spec.templateVersionId);
    // Every input carries the time of its creation: machines compute their delays from it.
    const input = { ...((spec.input as object | undefined) ?? {}), at };
    const cacheKey = `${spec.templateVersionId}|${spec.machine}|${canonicalJson(input)}`;
    let result = starts.get(cacheKey);
    if (!result) {
      result = startMachine(compiled.machine(spec.machine), input);
      starts.set(cacheKey, result);
    }
    const id = spec.id ?? randomUUID();
    const row: InstanceRow = {
      id,
      kind: spec.machine.split(':')[0] as string,
      machine: spec.machine,
      directiveId: spec.directiveId,
      parentId: spec.parentId,
      orgUnitId: spec.orgUnitId,
      subjectUserId: spec.subjectUserId ?? null,
      templateVersionId: spec.templateVersionId,
      state: result.state,
      snapshot: result.snapshot,
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    const payload = { input };
    const fields = {
      instanceId: id,
      seq: 1,
      eventType: INIT_EVENT,
      payload,
      actorId: ctx.actorId,
      fromState: null,
      toState: result.state,
      at,
      templateVersionId: spec.templateVersionId,
      prevHash: null,
    };
    historyRows.push({ ...fields, hash: hashHistoryRow(fields) });
    created.push({ row, result });
  }
  const fanOuts: FanOutItem[] = [];
  for (let i = 0; i < created.length; i += CHUNK) {
    const chunk = created.slice(i, i + CHUNK);
    await ctx.tx.insert(instances).values(chunk.map((c) => c.row));
    await ctx.tx.insert(history).values(historyRows.slice(i, i + CHUNK));
    await ctx.statistics.rowsCreated('instances', chunk.length);
    for (const { row } of chunk) ctx.changes.push({ instanceId: row.id, directiveId: row.directiveId, kind: row.kind, orgUnitId: row.orgUnitId, state: row.state });
    fanOuts.push(...(await runLocalEffects(ctx, chunk.map(({ row, result }) => ({ instance: row, effects: result.effects })), { fresh: true })));
    await options.onChunk?.(chunk.map((c) => c.row));
  }
  await fanOut(ctx, fanOuts);
  return created.map((c) => c.row);
}
