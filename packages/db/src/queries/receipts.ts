import { and, asc, count, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client/database.js';
import { directives } from '../schema/directives.js';
import { instances } from '../schema/instances.js';
import { orgUnits } from '../schema/orgUnits.js';
import { escapeLike, withinPath } from './scope.js';

const parent = alias(instances, 'parent_receipt');
const parentUnit = alias(orgUnits, 'parent_unit');
const issuingUnit = alias(orgUnits, 'issuing_unit');

const OPEN_STATES = ['received', 'acknowledged', 'amended'];

/**
 * A receipt its unit is late with now: not acknowledged past its limit, acknowledged but not passed
 * down past its limit, or with tasks escalated to the level above. The flags stay set after the unit
 * catches up, so the state decides whether the lateness still stands.
 */
export function isLateReceipt(): SQL {
  const context = sql`${instances.snapshot}->'context'`;
  return sql`(
    (${instances.state} = 'received' and (${context}->>'lateToAcknowledge') = 'true')
    or (${instances.state} in ('acknowledged', 'amended') and (${context}->>'lateToForward') = 'true')
    or (${instances.state} <> 'closed' and coalesce((${context}->>'escalations')::int, 0) > 0)
  )`;
}

/** What a unit needs to act on a receipt: the directive, the receipt's own context, and what the
 * unit above passed down (its additions sit in its context; the first level's parent is the directive). */
function receiptDetailColumns() {
  return {
    id: instances.id,
    state: instances.state,
    machine: instances.machine,
    templateVersionId: instances.templateVersionId,
    directiveId: instances.directiveId,
    parentId: instances.parentId,
    snapshot: instances.snapshot,
    updatedAt: instances.updatedAt,
    title: directives.title,
    body: directives.body,
    requirements: directives.requirements,
    directiveDeadline: directives.deadline,
    issuedAt: directives.issuedAt,
    issuingUnit: { id: issuingUnit.id, name: issuingUnit.name, path: issuingUnit.path },
    unit: { id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, level: orgUnits.level, path: orgUnits.path },
    parentSnapshot: parent.snapshot,
    parentUnitName: parentUnit.name,
  };
}

function receiptDetailQuery(db: Executor) {
  return db
    .select(receiptDetailColumns())
    .from(instances)
    .innerJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId))
    .innerJoin(directives, eq(directives.id, instances.directiveId))
    .innerJoin(issuingUnit, eq(issuingUnit.id, directives.issuingUnitId))
    .leftJoin(parent, and(eq(parent.id, instances.parentId), eq(parent.kind, 'receipt')))
    .leftJoin(parentUnit, eq(parentUnit.id, parent.orgUnitId));
}

export type ReceiptDetailRow = Awaited<ReturnType<typeof getReceiptDetail>>;

export async function getReceiptDetail(db: Executor, receiptId: string) {
  const [row] = await receiptDetailQuery(db).where(and(eq(instances.id, receiptId), eq(instances.kind, 'receipt')));
  return row;
}

/** Receipts waiting on units within `path` (received, acknowledged or amended): what an admin must
 * acknowledge, amend or forward, soonest deadline first. */
export async function listReceiptInbox(db: Executor, path: string, limit = 200) {
  return receiptDetailQuery(db)
    .where(and(eq(instances.kind, 'receipt'), inArray(instances.state, OPEN_STATES), withinPath(orgUnits.path, path)))
    .orderBy(asc(sql`(${instances.snapshot}->'context'->>'deadline')::timestamptz`), asc(orgUnits.path))
    .limit(limit);
}

/** Units strictly below `path` that are late in any cascade, most recently changed first. */
export async function listLateReceiptsForScope(db: Executor, path: string, limit = 50) {
  return db
    .select({
      id: instances.id,
      state: instances.state,
      directiveId: instances.directiveId,
      title: directives.title,
      snapshot: instances.snapshot,
      updatedAt: instances.updatedAt,
      unit: { id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, level: orgUnits.level, path: orgUnits.path },
    })
    .from(instances)
    .innerJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId))
    .innerJoin(directives, eq(directives.id, instances.directiveId))
    .where(and(eq(instances.kind, 'receipt'), like(orgUnits.path, `${escapeLike(path)}/%`), isLateReceipt()))
    .orderBy(desc(instances.updatedAt), asc(orgUnits.path))
    .limit(limit);
}

/** Per directive: how many units received it, how many have not acknowledged yet, how many are late. */
export async function receiptTotalsByDirective(db: Executor, directiveIds: string[]) {
  if (directiveIds.length === 0) return [];
  return db
    .select({
      directiveId: instances.directiveId,
      total: count(),
      waiting: sql<number>`count(*) filter (where ${instances.state} = 'received')`.mapWith(Number),
      forwarded: sql<number>`count(*) filter (where ${instances.state} = 'forwarded')`.mapWith(Number),
      late: sql<number>`count(*) filter (where ${isLateReceipt()})`.mapWith(Number),
    })
    .from(instances)
    .where(and(eq(instances.kind, 'receipt'), inArray(instances.directiveId, directiveIds)))
    .groupBy(instances.directiveId);
}
