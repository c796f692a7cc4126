import { and, asc, count, eq, ilike, inArray, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../client/database.js';
import { orgUnits } from '../schema/orgUnits.js';
import { escapeLike, withinPath } from './scope.js';

export type OrgUnitRow = typeof orgUnits.$inferSelect;

export async function getOrgUnit(db: Executor, id: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

export async function getOrgUnitByCode(db: Executor, code: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.code, code));
  return row;
}

export async function getOrgUnits(db: Executor, ids: string[]): Promise<OrgUnitRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(orgUnits).where(inArray(orgUnits.id, ids));
}

/** Children with how many units lie under each, for a lazily expanded tree. */
export async function listChildUnits(db: Executor, parentId: string) {
  const children = await db.select().from(orgUnits).where(eq(orgUnits.parentId, parentId)).orderBy(asc(orgUnits.code));
  const counts = await db
    .select({ parentId: orgUnits.parentId, n: count() })
    .from(orgUnits)
    .where(inArray(orgUnits.parentId, children.length ? children.map((c) => c.id) : ['00000000-0000-0000-0000-000000000000']))
    .groupBy(orgUnits.parentId);
  const byParent = new Map(counts.map((c) => [c.parentId, c.n]));
  return children.map((c) => ({ ...c, childCount: byParent.get(c.id) ?? 0 }));
}

/** Units under `path` whose name or code matches, households excluded unless asked for. */
export async function searchOrgUnits(db: Executor, path: string, query: string, limit = 50, includeHouseholds = false) {
  const pattern = `%${escapeLike(query)}%`;
  return db
    .select()
    .from(orgUnits)
    .where(and(withinPath(orgUnits.path, path), or(ilike(orgUnits.name, pattern), like(orgUnits.code, `${escapeLike(query)}%`)), includeHouseholds ? undefined : sql`${orgUnits.level} <> 'household'`))
    .orderBy(asc(orgUnits.path))
    .limit(limit);
}

/** The unit at `path` and every unit above it, topmost first: the way down to it in a tree. */
export async function listAncestors(db: Executor, path: string): Promise<OrgUnitRow[]> {
  const codes = path.split('/');
  const prefixes = codes.map((_, i) => codes.slice(0, i + 1).join('/'));
  return db.select().from(orgUnits).where(inArray(orgUnits.path, prefixes)).orderBy(asc(orgUnits.depth));
}

export async function countUnitsByLevel(db: Executor, path: string) {
  return db.select({ level: orgUnits.level, n: count() }).from(orgUnits).where(withinPath(orgUnits.path, path)).groupBy(orgUnits.level);
}
