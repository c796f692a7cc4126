import { and, asc, count, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client/database.js';
import { directives } from '../schema/directives.js';
import { history, instances } from '../schema/instances.js';
import { orgUnits } from '../schema/orgUnits.js';
import { users } from '../schema/users.js';
import { tasks } from '../schema/work.js';
import { withinPath } from './scope.js';

export type AuditInstanceFilter = {
  /** Only instances whose unit lies within one of these paths: what the reader may see. */
  scopes: readonly string[];
  directiveId?: string | undefined;
  /** The unit's own instances, or with `subtree` those of every unit below it too. */
  unitPath?: string | undefined;
  subtree?: boolean | undefined;
  kind?: string | undefined;
  limit: number;
  offset: number;
};

const subject = alias(users, 'subject');

function instanceFilter(filter: AuditInstanceFilter): SQL | undefined {
  return and(
    or(...filter.scopes.map((p) => withinPath(orgUnits.path, p))),
    filter.directiveId ? eq(instances.directiveId, filter.directiveId) : undefined,
    filter.unitPath ? (filter.subtree ? withinPath(orgUnits.path, filter.unitPath) : eq(orgUnits.path, filter.unitPath)) : undefined,
    filter.kind ? eq(instances.kind, filter.kind) : undefined,
  );
}

/**
 * Every state machine an auditor might open — receipts, tasks, registrations, evaluations, cases and
 * the directive itself — for a directive, a unit or both, one page at a time with the total. They come
 * in the order of the chain, top down: higher levels first, a unit's instances together, older first,
 * so the issuing office and the townships lead however many grids follow. The event count is the
 * instance's version: one history row per version.
 */
export async function listAuditInstances(db: Executor, filter: AuditInstanceFilter) {
  if (filter.scopes.length === 0) return { items: [], total: 0 };
  const where = instanceFilter(filter);
  const [totalRow] = await db.select({ n: count() }).from(instances).innerJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId)).where(where);
  const items = await db
    .select({
      id: instances.id,
      kind: instances.kind,
      machine: instances.machine,
      state: instances.state,
      events: instances.version,
      templateVersionId: instances.templateVersionId,
      directiveId: instances.directiveId,
      directiveTitle: directives.title,
      createdAt: sql<string>`to_json(${instances.createdAt}) #>> '{}'`,
      updatedAt: sql<string>`to_json(${instances.updatedAt}) #>> '{}'`,
      unit: { id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, level: orgUnits.level, path: orgUnits.path },
      stageId: tasks.stageId,
      periodKey: tasks.periodKey,
      subjectName: subject.displayName,
    })
    .from(instances)
    .innerJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId))
    .leftJoin(directives, eq(directives.id, instances.directiveId))
    .leftJoin(tasks, eq(tasks.id, instances.id))
    .leftJoin(subject, eq(subject.id, instances.subjectUserId))
    .where(where)
    .orderBy(asc(orgUnits.depth), asc(orgUnits.path), asc(instances.createdAt), asc(instances.kind), asc(instances.id))
    .limit(filter.limit)
    .offset(filter.offset);
  return { items, total: totalRow?.n ?? 0 };
}

export type HistoryCursor = { instanceId: string; seq: number };

/**
 * The history rows of every instance of a directive within the reader's scopes, chain by chain
 * (instance, then seq), after `after`: an export pages through with the last row it got, so a
 * directive with thousands of units never has to fit in one response, and each page is a range of
 * the (instance, seq) index rather than a sort of the whole directive.
 */
export async function listDirectiveHistory(db: Executor, options: { directiveId: string; scopes: readonly string[]; after: HistoryCursor | null; limit: number }) {
  if (options.scopes.length === 0) return [];
  return db
    .select({
      id: history.id,
      instanceId: history.instanceId,
      kind: instances.kind,
      machine: instances.machine,
      unitName: orgUnits.name,
      unitCode: orgUnits.code,
      seq: history.seq,
      eventType: history.eventType,
      payload: history.payload,
      actorId: history.actorId,
      actorName: users.displayName,
      fromState: history.fromState,
      toState: history.toState,
      at: sql<string>`to_json(${history.at}) #>> '{}'`,
      templateVersionId: history.templateVersionId,
      prevHash: history.prevHash,
      hash: history.hash,
    })
    .from(history)
    .innerJoin(instances, eq(instances.id, history.instanceId))
    .innerJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId))
    .leftJoin(users, eq(users.id, history.actorId))
    .where(and(
        eq(instances.directiveId, options.directiveId),
        options.after ? sql`(${history.instanceId}, ${history.seq}) > (${options.after.instanceId}::uuid, ${options.after.seq})` : undefined,
        or(...options.scopes.map((p) => withinPath(orgUnits.path, p))),
      ),
    )
    .orderBy(asc(history.instanceId), asc(history.seq))
    .limit(options.limit);
}
