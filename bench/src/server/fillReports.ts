import { sql } from 'drizzle-orm';
import type { Database } from '@cascade/db';
import type { Engine } from '@cascade/engine';
import { rowsOf } from '../harness/rows.js';
import { computeSubmits, type SubmitRows } from './submitRows.js';

const CHUNK = 500;

async function writeChunk(db: Database, rows: SubmitRows[], actor: string, at: Date): Promise<void> {
  const iso = at.toISOString();
  await db.transaction(async (tx) => {
    const values = rows.map((r) => sql`(${r.taskId}::uuid, ${r.state}, ${JSON.stringify(r.snapshot)}::jsonb, ${r.version}::int)`);
    const updated = rowsOf(
      await tx.execute(sql`
        update instances i set state = v.state, snapshot = v.snapshot, version = v.version + 1, updated_at = ${iso}
        from (values ${sql.join(values, sql`, `)}) as v(id, state, snapshot, version)
        where i.id = v.id and i.version = v.version returning i.id`),
    );
    if (updated.length !== rows.length) throw new Error(`bench: bulk submit updated ${updated.length} of ${rows.length} tasks`);
    const history = rows.map((r) => {
      const h = r.history;
      return sql`(${r.taskId}, ${h.seq}, ${h.eventType}, ${JSON.stringify(h.payload)}::jsonb, ${actor}, ${h.fromState}, ${h.toState}, ${h.at}, ${h.templateVersionId}, ${h.prevHash}, ${h.hash})`;
    });
    await tx.execute(sql`insert into history (instance_id, seq, event_type, payload, actor_id, from_state, to_state, at, template_version_id, prev_hash, hash) values ${sql.join(history, sql`, `)}`);
    const submissions = rows.map((r) => sql`(${r.submission.id}, ${r.taskId}, ${r.submission.attempt}, ${JSON.stringify(r.submission.data)}::jsonb, ${actor}, ${iso}, ${r.submission.idempotencyKey})`);
    await tx.execute(sql`insert into submissions (id, task_id, attempt, data, submitted_by, submitted_at, idempotency_key) values ${sql.join(submissions, sql`, `)}`);
  });
}

/**
 * Before the roll-up: the day's report of every grid that has not reported yet, written in bulk with
 * the rows `submitReport` would write (snapshot, hash-chained history, submission; computed with the
 * engine's pure step), 500 tasks a transaction. Tasks the bare baseline moved to "submitted" get the
 * submission row that baseline leaves out, and every submitted task's pending timers are cancelled as
 * the step asks. Submitting 100,000 reports one HTTP call at a time would take longer than the whole
 * benchmark budget; the roll-up reads the same rows either way.
 */
export async function fillReports(engine: Engine, db: Database, input: { directiveId: string; actor: string; at: Date }): Promise<{ submitted: number; seconds: number }> {
  const start = performance.now();
  const iso = input.at.toISOString();
  await db.execute(sql`
    insert into submissions (id, task_id, attempt, data, submitted_by, submitted_at, idempotency_key)
    select (h.payload ->> 'submissionId')::uuid, t.id, 1, h.payload -> 'data', h.actor_id, h.at, 'bench-' || (h.payload ->> 'submissionId')
    from tasks t join instances i on i.id = t.id join history h on h.instance_id = i.id and h.seq = i.version
    where t.directive_id = ${input.directiveId} and i.state = 'submitted' and h.event_type = 'SUBMIT'
      and not exists (select 1 from submissions s where s.task_id = t.id)`);
  const open = rowsOf<{ id: string }>(
    await db.execute(sql`select t.id from tasks t join instances i on i.id = t.id where t.directive_id = ${input.directiveId} and i.state = 'open' order by t.id`),
  ).map((r) => r.id);
  for (let i = 0; i < open.length; i += CHUNK * 4) {
    const rows = await computeSubmits(engine, db, open.slice(i, i + CHUNK * 4), input.actor, input.at, i);
    for (let j = 0; j < rows.length; j += CHUNK) await writeChunk(db, rows.slice(j, j + CHUNK), input.actor, input.at);
  }
  await db.execute(sql`
    update timers set status = 'cancelled', settled_at = ${iso}
    where status = 'pending' and instance_id in (select t.id from tasks t join instances i on i.id = t.id where t.directive_id = ${input.directiveId} and i.state = 'submitted')`);
  return { submitted: open.length, seconds: (performance.now() - start) / 1000 };
}
