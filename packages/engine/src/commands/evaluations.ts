import { and, eq, inArray } from 'drizzle-orm';
import { assignments, evaluations, instances, submissions, tasks } from '@cascade/db';
import type { CaseDecision, EvaluationOutcome } from '@cascade/workflow';
import { invalidField, notFound } from '../errors.js';
import type { CommandContext } from '../runtime/commandContext.js';
import { createInstances } from '../runtime/createInstances.js';
import { isWithin, requireUnit } from '../runtime/orgUnitLookup.js';
import { applyEvent, loadInstance } from '../runtime/sendEvent.js';

export type Evidence = { kind: 'task' | 'submission'; id: string };

export type EvaluateInput = {
  directiveId: string;
  evaluatorUnitId: string;
  subjectUnitId?: string;
  subjectUserId?: string;
  outcome: EvaluationOutcome;
  comment: string;
  evidence: Evidence[];
};

/** Checks that every piece of evidence exists and belongs to this directive. */
async function checkEvidence(ctx: CommandContext, directiveId: string, evidence: Evidence[]): Promise<void> {
  const taskIds = evidence.filter((e) => e.kind === 'task').map((e) => e.id);
  const submissionIds = evidence.filter((e) => e.kind === 'submission').map((e) => e.id);
  const foundTasks = taskIds.length
    ? await ctx.tx.select({ id: tasks.id }).from(tasks).where(and(inArray(tasks.id, taskIds), eq(tasks.directiveId, directiveId)))
    : [];
  const foundSubmissions = submissionIds.length
    ? await ctx.tx
        .select({ id: submissions.id })
        .from(submissions)
        .innerJoin(tasks, eq(tasks.id, submissions.taskId))
        .where(and(inArray(submissions.id, submissionIds), eq(tasks.directiveId, directiveId)))
    : [];
  const known = new Set([...foundTasks, ...foundSubmissions].map((r) => r.id));
  evidence.forEach((e, i) => {
    if (!known.has(e.id)) throw invalidField(`evidence.${i}`, 'exists', `证据 ${e.kind} ${e.id} 不属于本通知`, `evidence ${e.kind} ${e.id} does not belong to this directive`);
  });
}

/**
 * The level above records how a unit or a person did. The evaluator must be the unit one chain level
 * above the subject unit (or, for a person, above the unit the person was assigned to).
 * "Accountable" opens an accountability case through the evaluation machine.
 */
export async function evaluate(ctx: CommandContext, input: EvaluateInput): Promise<{ evaluationId: string; caseId: string | null }> {
  const directive = await loadInstance(ctx, input.directiveId);
  if (directive.kind !== 'directive') throw notFound('directive', input.directiveId);
  const { definition } = await ctx.templates.template(ctx.tx, directive.templateVersionId);
  const stage = definition.stages.evaluate;
  if (!stage) throw invalidField('directiveId', 'stage', '此模板没有考评环节', 'this template has no evaluation stage');
  if (!stage.outcomes.includes(input.outcome)) throw invalidField('outcome', 'option', `此模板不允许"${input.outcome}"`, `this template does not allow "${input.outcome}"`);
  if (input.comment.trim().length === 0) throw invalidField('comment', 'required', '评价意见不能为空', 'the comment is required');
  if (stage.evidenceRequiredFor.includes(input.outcome) && input.evidence.length === 0) {
    throw invalidField('evidence', 'required', '此评价结果必须附证据', 'this outcome must rest on evidence');
  }
  if (!input.subjectUnitId === !input.subjectUserId) throw invalidField('subjectUnitId', 'oneOf', '须且只能评价一个单位或一个人', 'evaluate exactly one unit or one person');
  const evaluator = await requireUnit(ctx.tx, input.evaluatorUnitId, 'evaluatorUnitId');
  let subjectUnit;
  if (input.subjectUnitId) {
    subjectUnit = await requireUnit(ctx.tx, input.subjectUnitId, 'subjectUnitId');
    if (!stage.levels.includes(subjectUnit.level as never)) throw invalidField('subjectUnitId', 'level', `此模板不考评"${subjectUnit.level}"级单位`, `this template does not evaluate ${subjectUnit.level} units`);
  } else {
    if (!stage.persons) throw invalidField('subjectUserId', 'persons', '此模板不考评个人', 'this template does not evaluate persons');
    const [assignment] = await ctx.tx
      .select({ orgUnitId: assignments.orgUnitId })
      .from(assignments)
      .where(and(eq(assignments.directiveId, input.directiveId), eq(assignments.userId, input.subjectUserId as string)));
    if (!assignment) throw invalidField('subjectUserId', 'assigned', '此人未参与本通知的工作', 'this person was not assigned in this directive');
    subjectUnit = await requireUnit(ctx.tx, assignment.orgUnitId, 'subjectUserId');
  }
  const subjectLevelIndex = definition.chain.indexOf(subjectUnit.level as never);
  const evaluatorLevel = subjectLevelIndex > 0 ? definition.chain[subjectLevelIndex - 1] : undefined;
  const evaluatorOk = input.subjectUserId
    ? isWithin(subjectUnit.path, evaluator.path) && evaluator.id !== subjectUnit.id
    : evaluator.level === evaluatorLevel && isWithin(subjectUnit.path, evaluator.path);
  if (!evaluatorOk) throw invalidField('evaluatorUnitId', 'parent', '只能由上一级单位考评', 'only the level above may evaluate');
  await checkEvidence(ctx, input.directiveId, input.evidence);
  const [evaluation] = await createInstances(ctx, [
    {
      machine: 'evaluation',
      templateVersionId: directive.templateVersionId,
      directiveId: directive.id,
      parentId: directive.id,
      orgUnitId: subjectUnit.id,
      subjectUserId: input.subjectUserId ?? null,
      input: { outcome: input.outcome, comment: input.comment, evidence: input.evidence, evaluatorUnitId: evaluator.id },
    },
  ]);
  if (!evaluation) throw new Error('evaluation was not created');
  const [opened] = await ctx.tx.select({ id: instances.id }).from(instances).where(and(eq(instances.parentId, evaluation.id), eq(instances.kind, 'case')));
  await ctx.tx.insert(evaluations).values({
    id: evaluation.id,
    directiveId: directive.id,
    evaluatorUnitId: evaluator.id,
    subjectUnitId: input.subjectUserId ? null : subjectUnit.id,
    subjectUserId: input.subjectUserId ?? null,
    outcome: input.outcome,
    comment: input.comment,
    evidence: input.evidence,
    caseId: opened?.id ?? null,
    evaluatedBy: ctx.actorId as string,
    evaluatedAt: ctx.now,
  });
  return { evaluationId: evaluation.id, caseId: opened?.id ?? null };
}

export type CaseCommand =
  | { type: 'INVESTIGATE' }
  | { type: 'DECIDE'; decision: CaseDecision; finding: string }
  | { type: 'REQUIRE_RECTIFICATION'; requirements: string[]; dueAt: string }
  | { type: 'CLOSE_CASE'; summary: string };

export async function advanceCase(ctx: CommandContext, caseId: string, command: CaseCommand) {
  const instance = await loadInstance(ctx, caseId);
  if (instance.kind !== 'case') throw notFound('case', caseId);
  return applyEvent(ctx, instance, command);
}
