import { eq } from 'drizzle-orm';
import { instances, taskDrafts, tasks } from '@cascade/db';
import { validateDraft } from '@cascade/forms';
import { DomainError, invalid, invalidField, notFound } from '../errors.js';
import type { CommandContext } from '../runtime/commandContext.js';

/** States in which a report still takes answers, and so a draft of them. */
const DRAFTABLE_STATES = ['open', 'overdue', 'returned'];

export type SaveDraftInput = { taskId: string; data: unknown };

/**
 * Keeps the worker's answers in progress on the server, one draft per task (the last save wins).
 * The draft is checked as a record of the form's fields and its size, not against the form's rules:
 * those apply when it is submitted. The task's instance row is locked first, so a draft cannot be
 * saved behind a submission that is committing at the same time (submitting deletes the draft).
 */
export async function saveDraft(ctx: CommandContext, input: SaveDraftInput): Promise<{ savedAt: Date }> {
  const [task] = await ctx.tx.select().from(tasks).where(eq(tasks.id, input.taskId));
  if (!task) throw notFound('task', input.taskId);
  if (task.kind !== 'report') throw invalidField('taskId', 'kind', '只有报表任务可以保存草稿', 'only a report task takes a draft');
  const [instance] = await ctx.tx.select({ state: instances.state }).from(instances).where(eq(instances.id, task.id)).for('update');
  if (!instance || !DRAFTABLE_STATES.includes(instance.state)) {
    throw new DomainError('CONFLICT', `a draft cannot be saved in state ${instance?.state}`, [
      { path: 'taskId', rule: 'state', message: { zh: '此任务已提交或已结束,不能再保存草稿', en: 'this task has been submitted or has ended; it takes no draft now' } },
    ]);
  }
  const form = await ctx.templates.formById(ctx.tx, task.formVersionId);
  const checked = validateDraft(form.definition, input.data);
  if (!checked.ok) throw invalid(checked.issues.map((i) => ({ ...i, path: i.path ? `data.${i.path}` : 'data' })));
  const row = { data: checked.value, savedBy: ctx.actorId as string, savedAt: ctx.now };
  await ctx.tx
    .insert(taskDrafts)
    .values({ taskId: task.id, ...row })
    .onConflictDoUpdate({ target: taskDrafts.taskId, set: row });
  return { savedAt: ctx.now };
}

/** Throws the draft away (the worker starts again from the last submission or the previous period). */
export async function discardDraft(ctx: CommandContext, taskId: string): Promise<{ discarded: boolean }> {
  const [task] = await ctx.tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.id, taskId));
  if (!task) throw notFound('task', taskId);
  const deleted = await ctx.tx.delete(taskDrafts).where(eq(taskDrafts.taskId, taskId)).returning({ taskId: taskDrafts.taskId });
  return { discarded: deleted.length > 0 };
}
