import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.js';

export type HashedFields = {
  instanceId: string;
  seq: number;
  eventType: string;
  payload: unknown;
  actorId: string | null;
  fromState: string | null;
  toState: string;
  /** ISO 8601 with milliseconds, as `Date#toISOString` gives it. */
  at: string;
  templateVersionId: string;
  prevHash: string | null;
};

/** Each row's hash covers every recorded field and the previous row's hash: changing, removing or
 * reordering any row breaks every hash after it. */
export function hashHistoryRow(row: HashedFields): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        instanceId: row.instanceId,
        seq: row.seq,
        eventType: row.eventType,
        payload: row.payload,
        actorId: row.actorId,
        fromState: row.fromState,
        toState: row.toState,
        at: row.at,
        templateVersionId: row.templateVersionId,
        prevHash: row.prevHash,
      }),
    )
    .digest('hex');
}
