import { and, asc, eq } from 'drizzle-orm';
import { history, instances, tasks } from '@cascade/db';
import type { PersistedSnapshot } from '@cascade/workflow';
import type { Scenario } from './buildScenario.js';

/** The id of a directive's receipt at the unit with this code. */
export async function receiptOf(s: Scenario, directiveId: string, code: string): Promise<string> {
  const [row] = await s.db
    .select({ id: instances.id })
    .from(instances)
    .where(and(eq(instances.directiveId, directiveId), eq(instances.orgUnitId, s.unit(code).id), eq(instances.kind, 'receipt')));
  if (!row) throw new Error(`no receipt for ${code}`);
  return row.id;
}

/** The id of a directive's report or screening task at the unit with this code. */
export async function taskOf(s: Scenario, directiveId: string, code: string, kind: 'report' | 'screening'): Promise<string> {
  const [row] = await s.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.directiveId, directiveId), eq(tasks.orgUnitId, s.unit(code).id), eq(tasks.kind, kind)));
  if (!row) throw new Error(`no ${kind} task for ${code}`);
  return row.id;
}

/** An instance's row, its snapshot typed. */
export async function instanceRow(s: Scenario, id: string) {
  const [row] = await s.db.select().from(instances).where(eq(instances.id, id));
  if (!row) throw new Error(`no instance ${id}`);
  return { ...row, snapshot: row.snapshot as PersistedSnapshot };
}

/** An instance's history rows, oldest first. */
export function historyRows(s: Scenario, instanceId: string) {
  return s.db.select().from(history).where(eq(history.instanceId, instanceId)).orderBy(asc(history.seq));
}
