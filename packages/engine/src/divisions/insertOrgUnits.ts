import { sql } from 'drizzle-orm';
import type { Transaction } from '@cascade/db';

/** A unit to insert below the unit whose code is `parentCode` (null for a root). */
export type NewOrgUnit = { code: string; name: string; level: string; parentCode: string | null };

export const INSERT_CHUNK = 1000;

/** What `execute` returns differs by driver: node-postgres and PGlite both give `rows`. */
export function resultRows(result: unknown): Array<Record<string, unknown>> {
  return ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as Array<Record<string, unknown>>;
}

/**
 * Inserts up to a chunk of units in ONE statement, reading the rows from a single jsonb parameter:
 * a multi-row VALUES would need 6 parameters a row (PostgreSQL allows 65,535), and the parent's id,
 * depth and path come from a join on its code, so a parent stored earlier — by this import or a past
 * one — is found the same way. Codes already stored are left alone (idempotent); a unit whose parent
 * is not stored is not inserted. Parents must be in an earlier statement: a statement does not see
 * its own rows. Returns how many were inserted.
 */
export async function insertOrgUnits(tx: Transaction, rows: readonly NewOrgUnit[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await tx.execute(sql`
    insert into org_units (code, name, level, depth, parent_id, path)
    select r.code, r.name, r.level, coalesce(p.depth + 1, 0), p.id, coalesce(p.path || '/' || r.code, r.code)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(code text, name text, level text, "parentCode" text)
    left join org_units p on p.code = r."parentCode"
    where r."parentCode" is null or p.id is not null
    on conflict (code) do nothing
    returning 1`);
  return resultRows(result).length;
}
