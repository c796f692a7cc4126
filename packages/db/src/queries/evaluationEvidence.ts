import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client/database.js';
import { formVersions } from '../schema/definitions.js';
import { instances } from '../schema/instances.js';
import { orgUnits } from '../schema/orgUnits.js';
import { users } from '../schema/users.js';
import { assignments, tasks } from '../schema/work.js';
import { withinPath } from './scope.js';

/**
 * Who the level above may evaluate under a directive: the units of `level` within the evaluator's
 * subtree that received the directive (with their receipt's state), and the people assigned to units
 * in that subtree for it (包网格, 包户, 下沉).
 */
export async function evaluationSubjects(db: Executor, input: { directiveId: string; evaluatorPath: string; level: string | null; persons: boolean }) {
  const units = input.level
    ? await db
        .select({ id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, level: orgUnits.level, path: orgUnits.path, receiptState: instances.state })
        .from(instances)
        .innerJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId))
        .where(and(eq(instances.directiveId, input.directiveId), eq(instances.kind, 'receipt'), eq(orgUnits.level, input.level), withinPath(orgUnits.path, input.evaluatorPath), ne(orgUnits.path, input.evaluatorPath)))
        .orderBy(asc(orgUnits.path))
    : [];
  const people = input.persons
    ? await db
        .selectDistinct({ userId: users.id, displayName: users.displayName, unitId: orgUnits.id, unitName: orgUnits.name, unitPath: orgUnits.path })
        .from(assignments)
        .innerJoin(users, eq(users.id, assignments.userId))
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.orgUnitId))
        .where(and(eq(assignments.directiveId, input.directiveId), withinPath(orgUnits.path, input.evaluatorPath), ne(orgUnits.path, input.evaluatorPath)))
        .orderBy(asc(orgUnits.path), asc(users.displayName))
    : [];
  return { units, people };
}

export type EvidenceScope = { unitPath: string } | { userId: string; readablePaths: string[] };

/**
 * What an evaluation can rest on: the tasks of a directive in a unit's subtree (or on the units a
 * person was assigned to), each with its state, due time and latest submission, open and missed
 * work first. The answers come with the form versions needed to label them.
 */
export async function evaluationEvidence(db: Executor, directiveId: string, scope: EvidenceScope, limit = 300) {
  let reach: SQL | undefined;
  if ('unitPath' in scope) {
    reach = withinPath(orgUnits.path, scope.unitPath);
  } else {
    if (scope.readablePaths.length === 0) return { tasks: [], forms: [] };
    reach = and(
      sql`exists (select 1 from ${assignments} a where a.user_id = ${scope.userId} and a.directive_id = ${tasks.directiveId} and a.org_unit_id = ${tasks.orgUnitId})`,
      or(...scope.readablePaths.map((p) => withinPath(orgUnits.path, p))),
    );
  }
  const latest = sql`(select sb.id, sb.attempt, sb.data, sb.submitted_at from submissions sb where sb.task_id = ${tasks.id} order by sb.attempt desc limit 1)`;
  const rows = await db
    .select({
      id: tasks.id,
      kind: tasks.kind,
      stageId: tasks.stageId,
      periodKey: tasks.periodKey,
      dueAt: tasks.dueAt,
      formVersionId: tasks.formVersionId,
      state: instances.state,
      unit: { id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, level: orgUnits.level },
      submissionId: sql<string | null>`ls.id`,
      attempt: sql<number | null>`ls.attempt`,
      data: sql<Record<string, unknown> | null>`ls.data`,
      submittedAt: sql<string | null>`to_json(ls.submitted_at) #>> '{}'`,
    })
    .from(tasks)
    .innerJoin(instances, eq(instances.id, tasks.id))
    .innerJoin(orgUnits, eq(orgUnits.id, tasks.orgUnitId))
    .leftJoin(sql`lateral ${latest} ls`, sql`true`)
    .where(and(eq(tasks.directiveId, directiveId), reach))
    .orderBy(sql`case when ${instances.state} in ('open', 'overdue', 'returned', 'inProgress') then 0 else 1 end`, desc(tasks.periodKey), asc(orgUnits.path), asc(tasks.stageId))
    .limit(limit);
  const formIds = [...new Set(rows.map((r) => r.formVersionId))];
  const forms = formIds.length ? await db.select({ id: formVersions.id, key: formVersions.key, version: formVersions.version, definition: formVersions.definition }).from(formVersions).where(inArray(formVersions.id, formIds)) : [];
  const evidence = rows.map(({ submissionId, attempt, data, submittedAt, ...task }) => ({
    ...task,
    latest: submissionId ? { id: submissionId, attempt: Number(attempt), data: data ?? {}, submittedAt: submittedAt as string } : null,
    late: submittedAt ? new Date(submittedAt).getTime() > task.dueAt.getTime() : task.state === 'overdue',
  }));
  return { tasks: evidence, forms };
}
