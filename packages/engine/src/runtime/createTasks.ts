import { sql } from 'drizzle-orm';
import { tasks } from '@cascade/db';
import type { CommandContext } from './commandContext.js';
import { createInstances, type InstanceSpec } from './createInstances.js';
import type { InstanceRow } from './instanceRow.js';
import { rowsOf } from './rowsOf.js';

export type TaskWanted = { stageId: string; kind: 'report' | 'screening'; formKey: string; formVersion: number; periodKey: string; dueAt: Date };

export type TasksFor = { receipt: InstanceRow; wanted: TaskWanted[] };

/** Rows per statement: the existence check sends one JSON parameter, the inserts stay under parameter limits. */
const CHUNK = 500;

type Candidate = { receipt: InstanceRow; task: TaskWanted; formVersionId: string; key: string };

const taskKey = (directiveId: string, orgUnitId: string, stageId: string, periodKey: string) => `${directiveId}|${orgUnitId}|${stageId}|${periodKey}`;

/** Which of the candidates' tasks exist already, checked a chunk at a time in one statement each. */
async function existingKeys(ctx: CommandContext, candidates: Candidate[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const wanted = candidates.slice(i, i + CHUNK).map((c) => ({ d: c.receipt.directiveId, u: c.receipt.orgUnitId, s: c.task.stageId, p: c.task.periodKey }));
    const result = await ctx.tx.execute(sql`
      select t.directive_id as d, t.org_unit_id as u, t.stage_id as s, t.period_key as p
      from ${tasks} t
      join jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as w(d uuid, u uuid, s text, p text)
        on t.directive_id = w.d and t.org_unit_id = w.u and t.stage_id = w.s and t.period_key = w.p`);
    for (const row of rowsOf<{ d: string; u: string; s: string; p: string }>(result)) found.add(taskKey(row.d, row.u, row.s, row.p));
  }
  return found;
}

/**
 * Creates the tasks that do not exist yet, for many receipts at once: one existence check, the task
 * instances in one batch (with their history rows and timers), then the task rows. The unique key
 * makes a concurrent second creator fail and retry, finding these.
 */
export async function createTasks(ctx: CommandContext, items: TasksFor[]): Promise<InstanceRow[]> {
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const { receipt, wanted } of items) {
    for (const task of wanted) {
      const key = taskKey(receipt.directiveId as string, receipt.orgUnitId as string, task.stageId, task.periodKey);
      // Asked twice in one batch, created once: the second ask would have found the first's row.
      if (seen.has(key)) continue;
      seen.add(key);
      const form = await ctx.templates.publishedForm(ctx.tx, task.formKey, task.formVersion);
      if (!form) throw new Error(`form ${task.formKey} v${task.formVersion} is not published`);
      candidates.push({ receipt, task, formVersionId: form.id, key });
    }
  }
  if (candidates.length === 0) return [];
  const existing = await existingKeys(ctx, candidates);
  const missing = candidates.filter((c) => !existing.has(c.key));
  const specs: InstanceSpec[] = missing.map(({ receipt, task }) => ({
    machine: task.kind === 'report' ? `task:report:${task.stageId.split('+')[0]}` : 'task:screening',
    templateVersionId: receipt.templateVersionId,
    directiveId: receipt.directiveId,
    parentId: receipt.id,
    orgUnitId: receipt.orgUnitId,
    input: { stageId: task.stageId, periodKey: task.periodKey, dueAt: task.dueAt.toISOString() },
  }));
  const created = await createInstances(ctx, specs);
  const rows = created.map((row, i) => {
    const { receipt, task, formVersionId } = missing[i] as Candidate;
    return {
      id: row.id,
      directiveId: receipt.directiveId as string,
      orgUnitId: receipt.orgUnitId as string,
      kind: task.kind,
      stageId: task.stageId,
      formVersionId,
      periodKey: task.periodKey,
      dueAt: task.dueAt,
      createdAt: ctx.now,
    };
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await ctx.tx.insert(tasks).values(chunk);
    await ctx.statistics.rowsCreated('tasks', chunk.length);
  }
  return created;
}
