import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../client/database.js';
import { history, instances } from '../schema/instances.js';
import { orgUnits } from '../schema/orgUnits.js';
import { users } from '../schema/users.js';
import { evaluations } from '../schema/work.js';
import { withinPath } from './scope.js';

const evaluatorUnits = alias(orgUnits, 'evaluator_units');
const subjectUsers = alias(users, 'subject_users');

/** Instances made in the same command share a time stamp; their first history row says which came first. */
function creationOrder(instanceId: AnyPgColumn): SQL {
  return sql`(select min(${history.id}) from ${history} where ${history.instanceId} = ${instanceId})`;
}

/** Units whose path lies within one of `paths`; no paths means no restriction. */
function reachOf(column: AnyPgColumn, paths: readonly string[] | undefined): SQL | undefined {
  return paths ? (or(...paths.map((p) => withinPath(column, p))) ?? eq(column, '\u0000')) : undefined;
}

/**
 * Evaluations of a directive, oldest first, with the names of the subject and the evaluator. With
 * `withinPaths`, only those whose evaluator or subject unit lies in one of the paths: what a reader
 * below the issuing unit may see.
 */
export async function listEvaluations(db: Executor, directiveId: string, options: { withinPaths?: readonly string[] } = {}) {
  const subjectReach = reachOf(orgUnits.path, options.withinPaths);
  const evaluatorReach = reachOf(evaluatorUnits.path, options.withinPaths);
  return db
    .select({ evaluation: evaluations, subjectUnitName: orgUnits.name, subjectUserName: subjectUsers.displayName, evaluatorUnitName: evaluatorUnits.name, evaluatedByName: users.displayName })
    .from(evaluations)
    .leftJoin(orgUnits, eq(orgUnits.id, evaluations.subjectUnitId))
    .leftJoin(subjectUsers, eq(subjectUsers.id, evaluations.subjectUserId))
    .innerJoin(evaluatorUnits, eq(evaluatorUnits.id, evaluations.evaluatorUnitId))
    .leftJoin(users, eq(users.id, evaluations.evaluatedBy))
    .where(and(eq(evaluations.directiveId, directiveId), subjectReach && evaluatorReach ? or(subjectReach, evaluatorReach) : undefined))
    .orderBy(asc(evaluations.evaluatedAt), creationOrder(evaluations.id));
}

export async function getEvaluation(db: Executor, id: string) {
  const [row] = await db.select().from(evaluations).where(eq(evaluations.id, id));
  return row;
}

const caseColumns = {
  id: instances.id,
  state: instances.state,
  snapshot: instances.snapshot,
  templateVersionId: instances.templateVersionId,
  directiveId: instances.directiveId,
  evaluationId: instances.parentId,
  subjectUserId: instances.subjectUserId,
  subjectUserName: subjectUsers.displayName,
  unitId: orgUnits.id,
  unitName: orgUnits.name,
  unitPath: orgUnits.path,
  createdAt: instances.createdAt,
  updatedAt: instances.updatedAt,
  /** Null when the case opened itself after missed reports rather than from an evaluation. */
  evaluation: { outcome: evaluations.outcome, comment: evaluations.comment, evidence: evaluations.evidence, evaluatorUnitId: evaluations.evaluatorUnitId, evaluatedAt: evaluations.evaluatedAt },
};

function casesQuery(db: Executor) {
  return db
    .select(caseColumns)
    .from(instances)
    .leftJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId))
    .leftJoin(subjectUsers, eq(subjectUsers.id, instances.subjectUserId))
    .leftJoin(evaluations, eq(evaluations.id, instances.parentId));
}

/** Accountability cases of a directive with their current state and the unit concerned; with
 * `withinPaths`, only cases about units in those paths. */
export async function listCases(db: Executor, directiveId: string, options: { withinPaths?: readonly string[] } = {}) {
  return casesQuery(db)
    .where(and(eq(instances.directiveId, directiveId), eq(instances.kind, 'case'), reachOf(orgUnits.path, options.withinPaths)))
    .orderBy(asc(instances.createdAt), creationOrder(instances.id));
}

export async function getCase(db: Executor, caseId: string) {
  const [row] = await casesQuery(db).where(and(eq(instances.id, caseId), eq(instances.kind, 'case')));
  return row;
}
