import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { history, instances, type Database } from '@cascade/db';
import { startMachine, stepMachine, type PersistedSnapshot, type StepResult } from '@cascade/workflow';
import { canonicalJson } from '../history/canonicalJson.js';
import { hashHistoryRow, type HashedFields } from '../history/hashHistoryRow.js';
import { INIT_EVENT } from '../runtime/createInstances.js';
import type { InstanceRow } from '../runtime/instanceRow.js';
import type { TemplateRegistry } from '../runtime/templateRegistry.js';

export type AuditFailure = { historyId: number | null; instanceId: string; seq: number | null; reason: string };
export type AuditReport = { ok: boolean; instances: number; rows: number; failures: AuditFailure[] };

const PAGE = 500;

type StoredRow = HashedFields & { id: number; hash: string };

/** Checks one instance: the hash chain row by row, then a replay of its events through its
 * template version, which must reproduce every recorded state and the stored snapshot. */
async function verifyInstance(db: Database, templates: TemplateRegistry, instance: InstanceRow, rows: StoredRow[]): Promise<AuditFailure | null> {
  const fail = (row: StoredRow | undefined, reason: string): AuditFailure => ({ historyId: row?.id ?? null, instanceId: instance.id, seq: row?.seq ?? null, reason });
  let prevHash: string | null = null;
  for (const [i, row] of rows.entries()) {
    if (row.seq !== i + 1) return fail(row, `sequence gap: expected seq ${i + 1}, found ${row.seq}`);
    if (row.prevHash !== prevHash) return fail(row, 'prev_hash does not match the previous row');
    const at = new Date(row.at).toISOString();
    if (hashHistoryRow({ ...row, at }) !== row.hash) return fail(row, 'hash does not match the row content (row altered)');
    prevHash = row.hash;
  }
  if (rows.length !== instance.version) return fail(rows[rows.length - 1], `instance is at version ${instance.version} but history has ${rows.length} rows`);
  let compiled;
  try {
    compiled = await templates.template(db, instance.templateVersionId);
  } catch (error) {
    return fail(rows[0], `template version cannot be loaded: ${(error as Error).message}`);
  }
  const machine = compiled.machine(instance.machine);
  let snapshot: PersistedSnapshot | null = null;
  for (const row of rows) {
    if (row.templateVersionId !== instance.templateVersionId) return fail(row, 'row names a different template version than its instance');
    try {
      const payload = row.payload as Record<string, unknown>;
      const result: StepResult | null =
        row.seq === 1
          ? row.eventType === INIT_EVENT
            ? startMachine(machine, payload.input ?? undefined)
            : null
          : stepMachine(machine, snapshot as PersistedSnapshot, { ...payload, type: row.eventType });
      if (!result) return fail(row, `first row must be ${INIT_EVENT}`);
      if (result.state !== row.toState) return fail(row, `replay reaches "${result.state}" but the row records "${row.toState}"`);
      if (row.seq > 1 && row.fromState !== snapshot?.value) return fail(row, `row records from-state "${row.fromState}" but replay was in "${snapshot?.value}"`);
      snapshot = result.snapshot;
    } catch (error) {
      return fail(row, `replay refused the event: ${(error as Error).message}`);
    }
  }
  if (canonicalJson(snapshot) !== canonicalJson(instance.snapshot)) return fail(rows[rows.length - 1], 'stored snapshot differs from the replayed one');
  if (instance.state !== snapshot?.value) return fail(rows[rows.length - 1], 'stored state column differs from the snapshot');
  return null;
}

export type AuditScope = { directiveId?: string | undefined; instanceId?: string | undefined };

/**
 * Recomputes every hash chain and replays every instance (or those of one directive, or one
 * instance). Failures are ordered by history row, so the first one named is the earliest bad row.
 */
export async function verifyAudit(db: Database, templates: TemplateRegistry, options: AuditScope = {}): Promise<AuditReport> {
  const failures: AuditFailure[] = [];
  let instanceCount = 0;
  let rowCount = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const filters: SQL[] = [gt(instances.id, after)];
    if (options.directiveId) filters.push(eq(instances.directiveId, options.directiveId));
    if (options.instanceId) filters.push(eq(instances.id, options.instanceId));
    const page = (await db.select().from(instances).where(and(...filters)).orderBy(asc(instances.id)).limit(PAGE)) as InstanceRow[];
    if (page.length === 0) break;
    after = page[page.length - 1]?.id as string;
    const rows = (await db
      .select({
        id: history.id,
        instanceId: history.instanceId,
        seq: history.seq,
        eventType: history.eventType,
        payload: history.payload,
        actorId: history.actorId,
        fromState: history.fromState,
        toState: history.toState,
        at: sql<string>`to_json(${history.at}) #>> '{}'`,
        templateVersionId: history.templateVersionId,
        prevHash: history.prevHash,
        hash: history.hash,
      })
      .from(history)
      .where(inArray(history.instanceId, page.map((i) => i.id)))
      .orderBy(asc(history.instanceId), asc(history.seq), asc(history.id))) as StoredRow[];
    const byInstance = new Map<string, StoredRow[]>();
    for (const row of rows) {
      const list = byInstance.get(row.instanceId) ?? [];
      list.push(row);
      byInstance.set(row.instanceId, list);
    }
    for (const instance of page) {
      const own = byInstance.get(instance.id) ?? [];
      instanceCount++;
      rowCount += own.length;
      const failure = await verifyInstance(db, templates, instance, own);
      if (failure) failures.push(failure);
    }
  }
  failures.sort((a, b) => (a.historyId ?? Number.MAX_SAFE_INTEGER) - (b.historyId ?? Number.MAX_SAFE_INTEGER));
  return { ok: failures.length === 0, instances: instanceCount, rows: rowCount, failures };
}
