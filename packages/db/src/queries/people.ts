import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../client/database.js';
import { orgUnits } from '../schema/orgUnits.js';
import { roleGrants, users } from '../schema/users.js';
import { withinPath } from './scope.js';

/** People holding an active role on a unit within `path`, with those grants. */
export async function listPeopleInScope(db: Executor, path: string) {
  return db
    .select({ grantId: roleGrants.id, role: roleGrants.role, userId: users.id, username: users.username, displayName: users.displayName, unit: { id: orgUnits.id, name: orgUnits.name, level: orgUnits.level, path: orgUnits.path } })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.orgUnitId))
    .where(and(isNull(roleGrants.revokedAt), withinPath(orgUnits.path, path)))
    .orderBy(asc(orgUnits.path), asc(users.username));
}

export async function getGrant(db: Executor, grantId: string) {
  const [row] = await db
    .select({ grant: roleGrants, path: orgUnits.path })
    .from(roleGrants)
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.orgUnitId))
    .where(eq(roleGrants.id, grantId));
  return row;
}

export async function getUserByUsername(db: Executor, username: string) {
  const [row] = await db.select({ id: users.id, username: users.username, displayName: users.displayName }).from(users).where(eq(users.username, username));
  return row;
}
