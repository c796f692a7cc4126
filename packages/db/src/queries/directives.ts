import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client/database.js';
import { templateVersions } from '../schema/definitions.js';
import { directives } from '../schema/directives.js';
import { instances } from '../schema/instances.js';
import { orgUnits } from '../schema/orgUnits.js';
import { withinPath } from './scope.js';

export async function getDirective(db: Executor, id: string) {
  const [row] = await db
    .select({ directive: directives, state: instances.state, issuingUnit: { id: orgUnits.id, name: orgUnits.name, path: orgUnits.path, level: orgUnits.level } })
    .from(directives)
    .innerJoin(instances, eq(instances.id, directives.id))
    .innerJoin(orgUnits, eq(orgUnits.id, directives.issuingUnitId))
    .where(eq(directives.id, id));
  return row;
}

/** Directives issued within `path`, or received by a unit within it, newest first. */
export async function listDirectivesForScope(db: Executor, path: string, limit = 100) {
  const received = db
    .selectDistinct({ id: instances.directiveId })
    .from(instances)
    .innerJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId))
    .where(and(eq(instances.kind, 'receipt'), withinPath(orgUnits.path, path)));
  return db
    .select({
      id: directives.id,
      title: directives.title,
      deadline: directives.deadline,
      issuedAt: directives.issuedAt,
      state: instances.state,
      issuingUnitName: orgUnits.name,
      issuingUnitPath: orgUnits.path,
      template: { id: templateVersions.id, key: templateVersions.key, version: templateVersions.version, name: sql<{ zh: string; en: string }>`${templateVersions.definition}->'name'` },
    })
    .from(directives)
    .innerJoin(instances, eq(instances.id, directives.id))
    .innerJoin(orgUnits, eq(orgUnits.id, directives.issuingUnitId))
    .innerJoin(templateVersions, eq(templateVersions.id, directives.templateVersionId))
    .where(sql`${withinPath(orgUnits.path, path)} or ${directives.id} in (${received})`)
    .orderBy(desc(directives.issuedAt))
    .limit(limit);
}

/** The cascade at a glance: receipts per level and state. */
export async function receiptCountsByLevel(db: Executor, directiveId: string) {
  return db
    .select({ machine: instances.machine, state: instances.state, n: count() })
    .from(instances)
    .where(and(eq(instances.directiveId, directiveId), eq(instances.kind, 'receipt')))
    .groupBy(instances.machine, instances.state);
}

/** A directive's receipts, with `escalations`: how many of the unit's tasks stayed overdue past the
 * escalation delay, so the level above sees them on the cascade without reading snapshots. */
export async function listReceipts(db: Executor, directiveId: string, options: { withinPath?: string; parentId?: string; limit?: number } = {}) {
  return db
    .select({
      id: instances.id,
      state: instances.state,
      parentId: instances.parentId,
      snapshot: instances.snapshot,
      updatedAt: instances.updatedAt,
      escalations: sql<number>`coalesce((${instances.snapshot}->'context'->>'escalations')::int, 0)`.mapWith(Number),
      unit: { id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, level: orgUnits.level, path: orgUnits.path },
    })
    .from(instances)
    .innerJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId))
    .where(
      and(
        eq(instances.directiveId, directiveId),
        eq(instances.kind, 'receipt'),
        options.withinPath ? withinPath(orgUnits.path, options.withinPath) : undefined,
        options.parentId ? eq(instances.parentId, options.parentId) : undefined,
      ),
    )
    .orderBy(asc(orgUnits.path))
    .limit(options.limit ?? 1000);
}

export async function getInstance(db: Executor, id: string) {
  const [row] = await db
    .select({ instance: instances, unitPath: orgUnits.path, unitName: orgUnits.name })
    .from(instances)
    .leftJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId))
    .where(eq(instances.id, id));
  return row;
}
