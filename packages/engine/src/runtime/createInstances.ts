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

/**
 * Creates instances in bulk, each with its first history row, then carries out what entering their
 * initial states asks for (which may create more, level by level down a chain). Returns the rows.
 */
export async function createInstances(ctx: CommandContext, specs: InstanceSpec[]): Promise<InstanceRow[]> {
  const rows: InstanceRow[] = [];
  const fanOuts = await createLevel(ctx, specs, (chunk) => {
    rows.push(...chunk);
  });
  await fanOut(ctx, fanOuts);
  return rows;
}

/**
 * Creates one level of instances a chunk at a time: the chunk's instances and history rows in one
 * statement each, then the tasks and timers entering their states asks for, in batches. Returns the
 * fan-outs they ask for, for the caller to run once the whole level exists. Keeps nothing of a chunk
 * once it is written (`onChunk` sees its rows), and takes the specs lazily, so a level of 100,000
 * grids never holds more than a chunk's rows at once. Instances with the same machine and input
 * start identically, so each distinct start is computed once.
 */
export async function createLevel(ctx: CommandContext, specs: Iterable<InstanceSpec>, onChunk?: (rows: InstanceRow[]) => void | Promise<void>): Promise<FanOutItem[]> {
  const starts = new Map<string, StepResult>();
  const at = ctx.now.toISOString();
  const fanOuts: FanOutItem[] = [];
  let chunk: InstanceSpec[] = [];
  const flush = async () => {
    const created = await startChunk(ctx, chunk, starts, at);
    const rows = created.map((c) => c.row);
    chunk = [];
    await ctx.tx.insert(instances).values(rows);
    await ctx.tx.insert(history).values(created.map((c) => c.history));
    await ctx.statistics.rowsCreated('instances', rows.length);
    ctx.changes.recordCreated(rows);
    for (const item of await runLocalEffects(ctx, created.map(({ row, result }) => ({ instance: row, effects: result.effects })), { fresh: true })) fanOuts.push(item);
    await onChunk?.(rows);
  };
  for (const spec of specs) {
    chunk.push(spec);
    if (chunk.length === CHUNK) await flush();
  }
  if (chunk.length > 0) await flush();
  return fanOuts;
}

type Created = { row: InstanceRow; result: StepResult; history: typeof history.$inferInsert };

/** The rows of a chunk of new instances, each in its initial state, with its first history row. */
async function startChunk(ctx: CommandContext, specs: InstanceSpec[], starts: Map<string, StepResult>, at: string): Promise<Created[]> {
  const created: Created[] = [];
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
    const fields = {
      instanceId: id,
      seq: 1,
      eventType: INIT_EVENT,
      payload: { input },
      actorId: ctx.actorId,
      fromState: null,
      toState: result.state,
      at,
      templateVersionId: spec.templateVersionId,
      prevHash: null,
    };
    created.push({ row, result, history: { ...fields, hash: hashHistoryRow(fields) } });
  }
  return created;
}
