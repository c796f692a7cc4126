import { and, asc, count, desc, eq, inArray, like } from 'drizzle-orm';
import type { Executor } from '../client/database.js';
import { formVersions, templateVersions } from '../schema/definitions.js';
import { orgUnits } from '../schema/orgUnits.js';
import { escapeLike } from './scope.js';

/** Form versions owned by the given units (a unit sees its own and its ancestors' forms). */
export async function listForms(db: Executor, ownerUnitIds: string[]) {
  if (ownerUnitIds.length === 0) return [];
  return db
    .select({ id: formVersions.id, key: formVersions.key, version: formVersions.version, definition: formVersions.definition, publishedAt: formVersions.publishedAt, ownerUnitId: formVersions.ownerUnitId, ownerName: orgUnits.name })
    .from(formVersions)
    .innerJoin(orgUnits, eq(orgUnits.id, formVersions.ownerUnitId))
    .where(inArray(formVersions.ownerUnitId, ownerUnitIds))
    .orderBy(asc(formVersions.key), desc(formVersions.version));
}

export async function getFormVersion(db: Executor, id: string) {
  const [row] = await db.select().from(formVersions).where(eq(formVersions.id, id));
  return row;
}

export async function getPublishedForm(db: Executor, key: string, version: number) {
  const [row] = await db.select().from(formVersions).where(and(eq(formVersions.key, key), eq(formVersions.version, version)));
  return row?.publishedAt ? row : undefined;
}

export async function listTemplates(db: Executor, ownerUnitIds: string[]) {
  if (ownerUnitIds.length === 0) return [];
  return db
    .select({ id: templateVersions.id, key: templateVersions.key, version: templateVersions.version, definition: templateVersions.definition, publishedAt: templateVersions.publishedAt, derivedFromId: templateVersions.derivedFromId, ownerUnitId: templateVersions.ownerUnitId, ownerName: orgUnits.name })
    .from(templateVersions)
    .innerJoin(orgUnits, eq(orgUnits.id, templateVersions.ownerUnitId))
    .where(inArray(templateVersions.ownerUnitId, ownerUnitIds))
    .orderBy(asc(templateVersions.key), desc(templateVersions.version));
}

export async function getTemplateVersion(db: Executor, id: string) {
  const [row] = await db.select().from(templateVersions).where(eq(templateVersions.id, id));
  return row;
}

/** The units on one level under `path`: who receives a directive issued there (the fan-out takes
 * every unit of the next chain level in the issuing unit's subtree, not only its children). */
export async function listUnitsAtLevel(db: Executor, path: string, level: string, limit = 100) {
  const where = and(like(orgUnits.path, `${escapeLike(path)}/%`), eq(orgUnits.level, level));
  const [units, [total]] = await Promise.all([
    db.select({ id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, path: orgUnits.path }).from(orgUnits).where(where).orderBy(asc(orgUnits.path)).limit(limit),
    db.select({ n: count() }).from(orgUnits).where(where),
  ]);
  return { total: total?.n ?? 0, units };
}
