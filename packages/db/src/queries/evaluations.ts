import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client/database.js';
import { instances } from '../schema/instances.js';
import { orgUnits } from '../schema/orgUnits.js';
import { evaluations } from '../schema/work.js';

export async function listEvaluations(db: Executor, directiveId: string) {
  return db
    .select({ evaluation: evaluations, subjectUnitName: orgUnits.name })
    .from(evaluations)
    .leftJoin(orgUnits, eq(orgUnits.id, evaluations.subjectUnitId))
    .where(eq(evaluations.directiveId, directiveId))
    .orderBy(asc(evaluations.evaluatedAt));
}

export async function getEvaluation(db: Executor, id: string) {
  const [row] = await db.select().from(evaluations).where(eq(evaluations.id, id));
  return row;
}

/** Accountability cases of a directive with their current state and the unit concerned. */
export async function listCases(db: Executor, directiveId: string) {
  return db
    .select({ id: instances.id, state: instances.state, evaluationId: instances.parentId, subjectUserId: instances.subjectUserId, unitId: orgUnits.id, unitName: orgUnits.name, unitPath: orgUnits.path, updatedAt: instances.updatedAt })
    .from(instances)
    .leftJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId))
    .where(and(eq(instances.directiveId, directiveId), eq(instances.kind, 'case')))
    .orderBy(asc(instances.createdAt));
}
