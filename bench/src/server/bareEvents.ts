import type { DbHandle } from '@cascade/db';
import type { Engine } from '@cascade/engine';
import { bareConnections, runWorkers } from './bareSql.js';
import type { LoopResult } from './protocol.js';
import { computeSubmits } from './submitRows.js';

export const UPDATE_SNAPSHOT = 'update instances set state = $2, snapshot = $3::jsonb, version = $4 + 1, updated_at = $5 where id = $1 and version = $4';
export const INSERT_HISTORY =
  'insert into history (instance_id, seq, event_type, payload, actor_id, from_state, to_state, at, template_version_id, prev_hash, hash) values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11)';

/**
 * Baseline (a) of the event throughput: the two writes that make an event durable (the snapshot
 * UPDATE guarded by version, the hash-chained history INSERT), one transaction per event, from
 * `connections` connections. The rows are exactly those the engine would write for a SUBMIT of each
 * task (computed beforehand, untimed, with the engine's pure step and hash), so the database ends in
 * a state the audit accepts; only the submission row, timer cancellation, authority and validation
 * are left out, which is the point.
 */
export async function bareEvents(engine: Engine, handle: DbHandle, url: string, input: { taskIds: string[]; connections: number; actor: string; at: Date }): Promise<LoopResult> {
  const events = await computeSubmits(engine, handle.db, input.taskIds, input.actor, input.at);
  const connections = await bareConnections(handle, url, input.connections);
  const at = input.at.toISOString();
  try {
    const start = performance.now();
    await runWorkers(events.length, connections.length, async (i, worker) => {
      const e = events[i];
      const connection = connections[worker];
      if (!e || !connection) return;
      await connection.transaction(async (query) => {
        const updated = await query(UPDATE_SNAPSHOT, [e.taskId, e.state, JSON.stringify(e.snapshot), e.version, at]);
        if (updated.rowCount !== 1) throw new Error(`bench: bare update of ${e.taskId} changed ${updated.rowCount} rows`);
        const h = e.history;
        await query(INSERT_HISTORY, [e.taskId, h.seq, h.eventType, JSON.stringify(h.payload), input.actor, h.fromState, h.toState, h.at, h.templateVersionId, h.prevHash, h.hash]);
      });
    });
    return { seconds: (performance.now() - start) / 1000, events: events.length };
  } finally {
    await Promise.all([...new Set(connections)].map((c) => c.close()));
  }
}
