import { and, asc, count, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client/database.js';
import { preparedStatement } from '../client/preparedStatement.js';
import { formVersions } from '../schema/definitions.js';
import { directives } from '../schema/directives.js';
import { instances } from '../schema/instances.js';
import { orgUnits } from '../schema/orgUnits.js';
import { taskDrafts } from '../schema/taskDrafts.js';
import { assignments, householdVisits, submissions, tasks } from '../schema/work.js';
import { withinBoundPath, withinPath } from './scope.js';

/** The tasks and units of the reach subqueries, apart from those of the list itself. */
const reachTask = alias(tasks, 'reach_task');
const reachUnit = alias(orgUnits, 'reach_unit');

/** A task as a list shows it. The instance's snapshot (its machine's whole state) is left to the
 * task's own view: a worker's list is fetched every minute by every worker and has no use for it. */
const listColumns = {
  id: tasks.id,
  kind: tasks.kind,
  stageId: tasks.stageId,
  periodKey: tasks.periodKey,
  dueAt: tasks.dueAt,
  state: instances.state,
  directiveId: tasks.directiveId,
  directiveTitle: directives.title,
  formVersionId: tasks.formVersionId,
  unit: { id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, path: orgUnits.path },
};

const taskColumns = { ...listColumns, snapshot: instances.snapshot };

export type TaskScope = { paths: string[]; userId?: string };

type ListOptions = { state?: string[]; directiveId?: string; limit?: number };

/** What a list's SQL depends on; everything else is a value bound at run time. */
type ListShape = { paths: number; user: boolean; state: boolean; directive: boolean };

/**
 * The list's statement for one shape, with placeholders `path<i>` per path, `userId`,
 * `states`, `directiveId` and `limit`. The two reaches are separate index lookups joined by UNION: as
 * one OR across org_units and assignments the planner could use neither index and scanned every task
 * (seconds per call at Sichuan scale, 100,000 grids). Each step hands the next an array (`= any(array(…))`)
 * rather than a join: the planner cannot know how large a subtree a bound path spans, guessed hundreds
 * of units for a township's 133, and then chose to scan all 103,236 tasks twice over an index lookup
 * per unit (30–50 ms a call instead of 2). An array lookup is an index scan whatever its length.
 */
function listStatement(db: Executor, shape: ListShape) {
  const reach: SQL[] = [];
  if (shape.paths > 0) {
    const within = Array.from({ length: shape.paths }, (_, i) => withinBoundPath(reachUnit.path, sql.placeholder(`path${i}`)));
    const units = db.select({ id: reachUnit.id }).from(reachUnit).where(or(...within));
    const inPaths = db.select({ id: reachTask.id }).from(reachTask).where(sql`${reachTask.orgUnitId} = any(array(${units}))`);
    reach.push(sql`(${inPaths})`);
  }
  if (shape.user) {
    const assigned = db
      .select({ id: reachTask.id })
      .from(reachTask)
      .innerJoin(assignments, and(eq(assignments.directiveId, reachTask.directiveId), eq(assignments.orgUnitId, reachTask.orgUnitId)))
      .where(and(eq(assignments.userId, sql.placeholder('userId')), isNull(assignments.releasedAt)));
    reach.push(sql`(${assigned})`);
  }
  return db
    .select(listColumns)
    .from(tasks)
    .innerJoin(instances, eq(instances.id, tasks.id))
    .innerJoin(orgUnits, eq(orgUnits.id, tasks.orgUnitId))
    .innerJoin(directives, eq(directives.id, tasks.directiveId))
    .where(
      and(
        sql`${tasks.id} = any(array(${sql.join(reach, sql` union `)}))`,
        shape.state ? sql`${instances.state} = any(${sql.placeholder('states')}::text[])` : undefined,
        shape.directive ? eq(tasks.directiveId, sql.placeholder('directiveId')) : undefined,
      ),
    )
    .orderBy(sql`case when ${instances.state} in ('open','overdue','returned','inProgress') then 0 else 1 end`, asc(tasks.dueAt), asc(orgUnits.path))
    .limit(sql.placeholder('limit'));
}

/** One prepared statement per shape met: a worker's list is fetched every minute by every worker, and
 * building it with drizzle took longer than the database took to answer it. Its plan is the same
 * whatever the values (each step an index lookup on an array), but the planner, guessing 705 units
 * for a bound subtree, kept planning it per call: 1.2–2.2 ms on PGlite against 0.05–0.09 ms for the
 * generic plan (`EXPLAIN ANALYZE EXECUTE` in a Sichuan load test), so it asks for the generic one. */
const listStatements = new Map<string, ReturnType<typeof preparedStatement<Array<ListRow>>>>();
type ListRow = Awaited<ReturnType<ReturnType<typeof listStatement>['execute']>>[number];

/**
 * Tasks of units within any of `paths`, or of units the user is assigned to for the task's directive.
 * Open ones first, then by due time, so a grid worker sees what is most urgent on top.
 */
export async function listTasksForScope(db: Executor, scope: TaskScope, options: ListOptions = {}): Promise<ListRow[]> {
  const shape: ListShape = { paths: scope.paths.length, user: scope.userId !== undefined, state: options.state !== undefined, directive: options.directiveId !== undefined };
  if (shape.paths === 0 && !shape.user) return [];
  const name = `list_tasks_p${shape.paths}_u${Number(shape.user)}_s${Number(shape.state)}_d${Number(shape.directive)}`;
  let run = listStatements.get(name);
  if (!run) {
    run = preparedStatement(name, (built) => listStatement(built, shape), { genericPlan: true });
    listStatements.set(name, run);
  }
  const values: Record<string, unknown> = { limit: options.limit ?? 200, userId: scope.userId, states: options.state, directiveId: options.directiveId };
  scope.paths.forEach((path, i) => (values[`path${i}`] = path));
  return run(db, values);
}

export async function getTask(db: Executor, taskId: string) {
  const [row] = await db
    .select({ ...taskColumns, form: formVersions.definition, formKey: formVersions.key, formVersion: formVersions.version })
    .from(tasks)
    .innerJoin(instances, eq(instances.id, tasks.id))
    .innerJoin(orgUnits, eq(orgUnits.id, tasks.orgUnitId))
    .innerJoin(directives, eq(directives.id, tasks.directiveId))
    .innerJoin(formVersions, eq(formVersions.id, tasks.formVersionId))
    .where(eq(tasks.id, taskId));
  return row;
}

/** What an authority check on a task needs, and no more: its directive and its unit's path.
 * Every submission passes here first, so it reads two narrow rows instead of the task's view, with
 * a statement built once. */
const taskScope = preparedStatement('task_scope', (db) =>
  db
    .select({ id: tasks.id, directiveId: tasks.directiveId, unit: { id: orgUnits.id, path: orgUnits.path } })
    .from(tasks)
    .innerJoin(orgUnits, eq(orgUnits.id, tasks.orgUnitId))
    .where(eq(tasks.id, sql.placeholder('taskId'))),
);

export async function getTaskScope(db: Executor, taskId: string) {
  const [row] = await taskScope(db, { taskId });
  return row;
}

export async function listSubmissions(db: Executor, taskId: string) {
  return db.select().from(submissions).where(eq(submissions.taskId, taskId)).orderBy(desc(submissions.attempt));
}

/** The household checklist of a screening task, with what has been visited. */
export async function screeningChecklist(db: Executor, taskId: string, gridPath: string) {
  const households = await db
    .select({ id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, visitedAt: householdVisits.visitedAt, data: householdVisits.data })
    .from(orgUnits)
    .leftJoin(householdVisits, and(eq(householdVisits.householdId, orgUnits.id), eq(householdVisits.taskId, taskId)))
    .where(and(withinPath(orgUnits.path, gridPath), eq(orgUnits.level, 'household')))
    .orderBy(asc(orgUnits.code));
  const visited = households.filter((h) => h.visitedAt !== null).length;
  return { households, coverage: { visited, total: households.length } };
}

/** The task's saved draft, if the worker saved one and has not submitted since. */
export async function getTaskDraft(db: Executor, taskId: string) {
  const [row] = await db.select({ data: taskDrafts.data, savedBy: taskDrafts.savedBy, savedAt: taskDrafts.savedAt }).from(taskDrafts).where(eq(taskDrafts.taskId, taskId));
  return row ? { ...row, data: row.data as Record<string, unknown> } : null;
}

export async function countActiveAssignments(db: Executor, directiveId: string) {
  const [row] = await db.select({ n: count() }).from(assignments).where(and(eq(assignments.directiveId, directiveId), isNull(assignments.releasedAt)));
  return row?.n ?? 0;
}

/** Whether the user holds an active assignment on this unit for this directive. */
export async function isAssigned(db: Executor, userId: string, directiveId: string, orgUnitId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.userId, userId), eq(assignments.directiveId, directiveId), eq(assignments.orgUnitId, orgUnitId), isNull(assignments.releasedAt)));
  return row !== undefined;
}

/**
 * The unit's latest answers to the same report in an earlier period, for "reuse yesterday's
 * answers": the form is pre-filled from them and the fields changed since are marked.
 */
export async function previousAnswers(db: Executor, task: { directiveId: string; orgUnitId: string; stageId: string; periodKey: string }) {
  const [row] = await db
    .select({ periodKey: tasks.periodKey, data: submissions.data, submittedAt: submissions.submittedAt })
    .from(submissions)
    .innerJoin(tasks, eq(tasks.id, submissions.taskId))
    .where(and(eq(tasks.directiveId, task.directiveId), eq(tasks.orgUnitId, task.orgUnitId), eq(tasks.stageId, task.stageId), lt(tasks.periodKey, task.periodKey)))
    .orderBy(desc(tasks.periodKey), desc(submissions.attempt))
    .limit(1);
  return row ?? null;
}

/** Keys whose answers differ between two submissions (added, removed or changed). */
export function changedFields(previous: Record<string, unknown> | null, current: Record<string, unknown>): string[] {
  if (!previous) return [];
  const keys = new Set([...Object.keys(previous), ...Object.keys(current)]);
  return [...keys].filter((k) => JSON.stringify(previous[k]) !== JSON.stringify(current[k])).sort();
}
