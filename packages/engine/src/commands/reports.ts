import { randomUUID } from 'node:crypto';
import { and, count, eq, like, sql } from 'drizzle-orm';
import { history, householdVisits, instances, orgUnits, preparedStatement, submissions, taskDrafts, tasks, type Executor } from '@cascade/db';
import { validateSubmission } from '@cascade/forms';
import type { ReportTaskContext } from '@cascade/workflow';
import { DomainError, invalid, invalidField, notFound, VersionConflictError } from '../errors.js';
import type { CommandContext } from '../runtime/commandContext.js';
import type { InstanceRow } from '../runtime/instanceRow.js';
import { applyEvent, eventStatement, instanceWithTip, tipOfInstance, type EventWrite } from '../runtime/sendEvent.js';

export type TaskRow = typeof tasks.$inferSelect;

export async function requireTask(ctx: CommandContext, taskId: string): Promise<{ task: TaskRow; instance: InstanceRow }> {
  const [row] = await ctx.tx
    .select({ task: tasks, ...instanceWithTip })
    .from(tasks)
    .innerJoin(instances, eq(instances.id, tasks.id))
    .leftJoin(history, tipOfInstance)
    .where(eq(tasks.id, taskId));
  if (!row) throw notFound('task', taskId);
  ctx.chainTips.remember(taskId, row.instance.version, row.tipHash);
  return { task: row.task, instance: row.instance as InstanceRow };
}

/**
 * A task with its instance and its unit, and the submission an earlier attempt under the same key
 * made, if any; the instance locked until the submission commits, as saveDraft locks it.
 */
const taskForSubmission = preparedStatement('task_for_submission', (db) =>
  db
    .select({
      task: { id: tasks.id, kind: tasks.kind, formVersionId: tasks.formVersionId },
      scope: { directiveId: tasks.directiveId, unitId: orgUnits.id, unitPath: orgUnits.path },
      ...instanceWithTip,
      previous: { id: submissions.id, attempt: submissions.attempt },
    })
    .from(tasks)
    .innerJoin(instances, eq(instances.id, tasks.id))
    .innerJoin(orgUnits, eq(orgUnits.id, tasks.orgUnitId))
    .leftJoin(history, tipOfInstance)
    .leftJoin(submissions, and(eq(submissions.taskId, tasks.id), eq(submissions.idempotencyKey, sql.placeholder('idempotencyKey'))))
    .where(eq(tasks.id, sql.placeholder('taskId')))
    .for('update', { of: instances }),
);

/**
 * The SUBMIT event with the submission it brings and the task's draft deleted, in one statement (see
 * eventStatement). The draft delete sees every draft saved before the task was read, since that read
 * locks the instance (saveDraft locks it too); a draft saved after finds the task submitted.
 */
const writeSubmitEvent: EventWrite = preparedStatement('write_submit_event', (db) => {
  const submitted = db.$with('submitted').as(
    db.insert(submissions).values({
      id: sql.placeholder('submissionId'),
      taskId: sql.placeholder('id'),
      attempt: sql.placeholder('attempt'),
      data: sql.placeholder('data'),
      submittedBy: sql.placeholder('submittedBy'),
      submittedAt: sql.placeholder('submittedAt'),
      idempotencyKey: sql.placeholder('idempotencyKey'),
    }),
  );
  const supersededDraft = db.$with('superseded_draft').as(db.delete(taskDrafts).where(eq(taskDrafts.taskId, sql.placeholder('id'))));
  return eventStatement(db, [submitted, supersededDraft]);
});

export type SubmitInput = { taskId: string; data: unknown; idempotencyKey: string };

/** Where a task sits: what an authority check on it reads. */
export type TaskAuthorityScope = { id: string; directiveId: string; unit: { id: string; path: string } };

/** Throws if the actor may not work on the task; runs in the command's transaction, reading through `tx`. */
export type AuthorizeTask = (task: TaskAuthorityScope, tx: Executor) => Promise<void>;

/**
 * Validates the answers against the task's form version on the server and records them. A retry
 * with the same idempotency key returns the first result and writes nothing. `authorize` is asked
 * about the task as the command reads it, before anything else is told or written: the check and the
 * submission see the same task, and a submission costs no separate read for it.
 */
export async function submitReport(ctx: CommandContext, input: SubmitInput, authorize?: AuthorizeTask): Promise<{ submissionId: string; attempt: number; duplicate: boolean }> {
  // The task and an earlier submission under the same key are read by one statement, so a first
  // attempt that committed before it shows as that submission (read apart, the task read first, a
  // raced retry could see the task submitted and no submission). One exception: a read that waited
  // for another writer's lock gets the instance as that writer left it but the joined rows as of
  // before, its tip (and that writer's submission) missing; it is read again as a version conflict.
  const [row] = await taskForSubmission(ctx.tx, { taskId: input.taskId, idempotencyKey: input.idempotencyKey });
  if (!row) throw notFound('task', input.taskId);
  if (row.tipHash === null) throw new VersionConflictError(input.taskId);
  const { task, previous } = row;
  await authorize?.({ id: task.id, directiveId: row.scope.directiveId, unit: { id: row.scope.unitId, path: row.scope.unitPath } }, ctx.tx);
  if (previous) return { submissionId: previous.id, attempt: previous.attempt, duplicate: true };
  const instance = row.instance as InstanceRow;
  ctx.chainTips.remember(task.id, instance.version, row.tipHash);
  if (task.kind !== 'report') throw invalidField('taskId', 'kind', '此任务不是报表任务', 'this task does not take a report');
  const form = await ctx.templates.formById(ctx.tx, task.formVersionId);
  const checked = validateSubmission(form.definition, input.data);
  if (!checked.ok) throw invalid(checked.issues.map((i) => ({ ...i, path: `data.${i.path}` })));
  const attempt = (instance.snapshot.context as ReportTaskContext).attempts + 1;
  const submissionId = randomUUID();
  // If the task cannot take a submission now, the step throws and nothing is written.
  await applyEvent(
    ctx,
    instance,
    { type: 'SUBMIT', submissionId, data: checked.value },
    { write: writeSubmitEvent, values: { submissionId, attempt, data: checked.value, submittedBy: ctx.actorId as string, submittedAt: ctx.now, idempotencyKey: input.idempotencyKey } },
  );
  return { submissionId, attempt, duplicate: false };
}

export async function returnTask(ctx: CommandContext, taskId: string, comment: string) {
  if (comment.trim().length === 0) throw invalidField('comment', 'required', '退回须填写意见', 'a return needs a comment');
  const { instance } = await requireTask(ctx, taskId);
  return applyEvent(ctx, instance, { type: 'RETURN', comment: comment.trim() });
}

export async function acceptTask(ctx: CommandContext, taskId: string) {
  const { instance } = await requireTask(ctx, taskId);
  return applyEvent(ctx, instance, { type: 'ACCEPT' });
}

export type VisitInput = { taskId: string; householdId: string; data: unknown };

/** One household visited in door-to-door screening; visiting again replaces the answers. */
export async function recordVisit(ctx: CommandContext, input: VisitInput) {
  const { task, instance } = await requireTask(ctx, input.taskId);
  if (task.kind !== 'screening') throw invalidField('taskId', 'kind', '此任务不是入户排查任务', 'this task is not a screening task');
  const [grid] = await ctx.tx.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, task.orgUnitId));
  const [household] = await ctx.tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, input.householdId), eq(orgUnits.level, 'household'), like(orgUnits.path, `${grid?.path}/%`)));
  if (!household) throw invalidField('householdId', 'scope', '该户不在本网格内', 'the household is not in this grid');
  const form = await ctx.templates.formById(ctx.tx, task.formVersionId);
  const checked = validateSubmission(form.definition, input.data);
  if (!checked.ok) throw invalid(checked.issues.map((i) => ({ ...i, path: `data.${i.path}` })));
  const result = await applyEvent(ctx, instance, { type: 'VISIT', householdId: household.id, data: checked.value });
  await ctx.tx
    .insert(householdVisits)
    .values({ taskId: task.id, householdId: household.id, data: checked.value, visitedBy: ctx.actorId as string, visitedAt: ctx.now })
    .onConflictDoUpdate({
      target: [householdVisits.taskId, householdVisits.householdId],
      set: { data: checked.value, visitedBy: ctx.actorId as string, visitedAt: ctx.now },
    });
  return result;
}

/**
 * The grid declares its screening complete. "不漏一户": every household of the grid must have a
 * visit recorded (a visit may record that nobody answered), otherwise it is refused with the count.
 */
export async function completeScreening(ctx: CommandContext, taskId: string) {
  const { task, instance } = await requireTask(ctx, taskId);
  if (task.kind !== 'screening') throw invalidField('taskId', 'kind', '此任务不是入户排查任务', 'this task is not a screening task');
  const [grid] = await ctx.tx.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, task.orgUnitId));
  const [households] = await ctx.tx
    .select({ n: count() })
    .from(orgUnits)
    .where(and(eq(orgUnits.level, 'household'), like(orgUnits.path, `${grid?.path}/%`)));
  const [visits] = await ctx.tx.select({ n: count() }).from(householdVisits).where(eq(householdVisits.taskId, task.id));
  const total = households?.n ?? 0;
  const visited = visits?.n ?? 0;
  if (visited < total) {
    const missing = total - visited;
    throw new DomainError('CONFLICT', `${missing} of ${total} households have no visit recorded`, [
      {
        path: 'taskId',
        rule: 'coverage',
        message: {
          zh: `尚有 ${missing} 户未登记走访(已走访 ${visited}/${total} 户)。敲门行动须不漏一户,无人应门的也请登记后再完成`,
          en: `${missing} households have no visit recorded yet (${visited}/${total} visited). Screening must miss no household: record a visit even where nobody answered, then complete`,
        },
      },
    ]);
  }
  return applyEvent(ctx, instance, { type: 'COMPLETE' });
}
