import { and, asc, countDistinct, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client/database.js';
import { directives } from '../schema/directives.js';
import { history, instances } from '../schema/instances.js';
import { orgUnits } from '../schema/orgUnits.js';
import { users } from '../schema/users.js';
import { assignments } from '../schema/work.js';
import { withinPath } from './scope.js';

/**
 * The registration (报到) created with an assignment, if the unit was on the template's registration
 * level. The engine records the assignment's id in the registration's first history row, which is
 * the only link between the two.
 */
const registrationOf = sql`(
  select json_build_object('id', i.id, 'state', i.state)
  from ${instances} i join ${history} h on h.instance_id = i.id and h.seq = 1
  where i.kind = 'registration' and i.directive_id = ${assignments.directiveId} and i.subject_user_id = ${assignments.userId}
    and i.org_unit_id = ${assignments.orgUnitId} and h.payload->'input'->>'assignmentId' = ${assignments.id}::text
  limit 1
)`;

const assignedBy = alias(users, 'assigned_by_user');

const assignmentColumns = {
  id: assignments.id,
  directiveId: assignments.directiveId,
  directiveTitle: directives.title,
  assignedAt: assignments.assignedAt,
  releasedAt: assignments.releasedAt,
  person: { id: users.id, username: users.username, displayName: users.displayName },
  assignedBy: { id: assignedBy.id, displayName: assignedBy.displayName },
  unit: { id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, level: orgUnits.level, path: orgUnits.path },
  registration: registrationOf.mapWith((v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as { id: string; state: string } | null),
};

export type AssignmentFilter = { withinPath?: string; directiveId?: string; userId?: string; limit?: number };

/** Who was put on which unit or household for which directive: active ones first, newest first. */
export async function listAssignments(db: Executor, filter: AssignmentFilter) {
  const where: SQL[] = [];
  if (filter.withinPath) where.push(withinPath(orgUnits.path, filter.withinPath));
  if (filter.directiveId) where.push(eq(assignments.directiveId, filter.directiveId));
  if (filter.userId) where.push(eq(assignments.userId, filter.userId));
  return db
    .select(assignmentColumns)
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .innerJoin(assignedBy, eq(assignedBy.id, assignments.assignedBy))
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.orgUnitId))
    .innerJoin(directives, eq(directives.id, assignments.directiveId))
    .where(and(...where))
    .orderBy(sql`${assignments.releasedAt} is not null`, desc(assignments.assignedAt), asc(orgUnits.path))
    .limit(filter.limit ?? 500);
}

export async function getAssignment(db: Executor, assignmentId: string) {
  const [row] = await db
    .select({ assignment: assignments, path: orgUnits.path })
    .from(assignments)
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.orgUnitId))
    .where(eq(assignments.id, assignmentId));
  return row;
}

/**
 * 包户到人 coverage: for each grid within `path`, its households and how many of them have at
 * least one person actively assigned for the directive.
 */
export async function gridCoverage(db: Executor, path: string, directiveId: string) {
  const grids = alias(orgUnits, 'grid');
  const rows = await db
    .select({
      id: grids.id,
      name: grids.name,
      code: grids.code,
      path: grids.path,
      households: countDistinct(orgUnits.id),
      covered: countDistinct(assignments.orgUnitId),
    })
    .from(grids)
    .leftJoin(orgUnits, and(eq(orgUnits.parentId, grids.id), eq(orgUnits.level, 'household')))
    .leftJoin(assignments, and(eq(assignments.orgUnitId, orgUnits.id), eq(assignments.directiveId, directiveId), isNull(assignments.releasedAt)))
    .where(and(eq(grids.level, 'grid'), withinPath(grids.path, path)))
    .groupBy(grids.id, grids.name, grids.code, grids.path)
    .orderBy(asc(grids.path));
  return rows;
}
