import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '@cascade/db';
import { hashHistoryRow, type Engine } from '@cascade/engine';
import { stepMachine, type MachineKey, type PersistedSnapshot } from '@cascade/workflow';
import { dailyAnswers } from '../data/dailyAnswers.js';
import { rowsOf } from '../harness/rows.js';

/** Everything `submitReport` writes for one task, computed with the engine's own pure step and hash. */
export type SubmitRows = {
  taskId: string;
  version: number;
  state: string;
  snapshot: PersistedSnapshot;
  history: { seq: number; eventType: string; payload: unknown; fromState: string; toState: string; at: string; templateVersionId: string; prevHash: string; hash: string };
  submission: { id: string; attempt: number; data: Record<string, unknown>; idempotencyKey: string };
  /** Timer keys the step cancels (the reminder and the due time). */
  cancelTimers: string[];
};

type InstanceRead = { id: string; machine: MachineKey; state: string; snapshot: PersistedSnapshot; version: number; template_version_id: string; hash: string };

/**
 * Reads the tasks (still open) and computes, without writing, the SUBMIT each would get from the
 * server at `at` by `actorId`: next snapshot and state, the hash-chained history row, the submission.
 */
export async function computeSubmits(engine: Engine, db: Database, taskIds: string[], actorId: string, at: Date, firstAnswer = 0): Promise<SubmitRows[]> {
  const out: SubmitRows[] = [];
  const iso = at.toISOString();
  for (let i = 0; i < taskIds.length; i += 2000) {
    const ids = taskIds.slice(i, i + 2000);
    const rows = rowsOf<InstanceRead>(
      await db.execute(sql`
        select i.id, i.machine, i.state, i.snapshot, i.version, i.template_version_id, h.hash
        from instances i join history h on h.instance_id = i.id and h.seq = i.version
        where i.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`),
    );
    if (rows.length !== ids.length) throw new Error(`bench: ${ids.length - rows.length} of the tasks to submit were not found`);
    for (const row of rows) {
      const compiled = await engine.templates.template(db, row.template_version_id);
      const submissionId = randomUUID();
      const data = dailyAnswers(firstAnswer + out.length);
      const event = { type: 'SUBMIT', submissionId, data, at: iso };
      const result = stepMachine(compiled.machine(row.machine), row.snapshot, event);
      const others = result.effects.filter((e) => e.type !== 'cancelTimer');
      if (others.length > 0) throw new Error(`bench: SUBMIT of ${row.id} asks for effects the bulk writer does not do: ${others.map((e) => e.type).join(', ')}`);
      const { type, ...payload } = event;
      const fields = {
        instanceId: row.id,
        seq: row.version + 1,
        eventType: type,
        payload,
        actorId,
        fromState: row.state,
        toState: result.state,
        at: iso,
        templateVersionId: row.template_version_id,
        prevHash: row.hash,
      };
      out.push({
        taskId: row.id,
        version: row.version,
        state: result.state,
        snapshot: result.snapshot,
        history: { ...fields, hash: hashHistoryRow(fields) },
        submission: { id: submissionId, attempt: Number(row.snapshot.context.attempts ?? 0) + 1, data, idempotencyKey: `bench-${submissionId}` },
        cancelTimers: result.effects.flatMap((e) => (e.type === 'cancelTimer' ? [e.timerId] : [])),
      });
    }
  }
  return out;
}
