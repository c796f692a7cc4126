import { sql } from 'drizzle-orm';
import type { FieldIssue } from '@cascade/forms';
import type { Database, Transaction } from '@cascade/db';
import { invalid } from '../errors.js';
import { INSERT_CHUNK, insertOrgUnits, resultRows } from './insertOrgUnits.js';
import { divisionIssue, parseDivisionsCsv, type DivisionRow } from './parseDivisionsCsv.js';

function chunks<T>(items: readonly T[], size = INSERT_CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** The stored paths of the given codes (the parents a file names but does not contain). */
async function storedPaths(tx: Transaction, codes: readonly string[]): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  for (const chunk of chunks(codes)) {
    const result = await tx.execute(sql`select code, path from org_units where code in (select jsonb_array_elements_text(${JSON.stringify(chunk)}::jsonb))`);
    for (const row of resultRows(result)) paths.set(String(row.code), String(row.path));
  }
  return paths;
}

/** Lines whose code is already stored somewhere else in the tree: skipping them would hang the
 * file's children under a unit the file does not describe. */
async function misplacedCodes(tx: Transaction, rows: readonly DivisionRow[]): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const chunk of chunks(rows)) {
    const json = JSON.stringify(chunk.map((r) => ({ line: r.line, code: r.code, path: r.path })));
    const result = await tx.execute(sql`
      select r.line, r.code, o.path from jsonb_to_recordset(${json}::jsonb) as r(line int, code text, path text)
      join org_units o on o.code = r.code where o.path <> r.path order by r.line`);
    for (const row of resultRows(result)) {
      const [line, code, path] = [Number(row.line), String(row.code), String(row.path)];
      issues.push(divisionIssue(line, 'path', 'conflict', `代码 ${code} 已存在于 "${path}"`, `code ${code} is already stored at "${path}"`));
    }
  }
  return issues;
}

/**
 * Imports a divisions CSV (see `parseDivisionsCsv`) in one transaction: all of it or, on any bad
 * line, nothing (the error names every bad line). Units whose code is already stored are skipped,
 * so importing the same file again inserts nothing. A parent may be earlier in the file or stored.
 */
export async function importDivisions(db: Database, text: string): Promise<{ inserted: number; skipped: number }> {
  // A first pass without the database learns which parents the file leaves to it (usually none).
  const asked = new Set<string>();
  const alone = parseDivisionsCsv(text, {
    storedPath: (code) => {
      asked.add(code);
      return undefined;
    },
  });
  if (!alone.ok && asked.size === 0) throw invalid(alone.issues);

  return db.transaction(async (tx) => {
    let parsed = alone;
    if (asked.size > 0) {
      const stored = await storedPaths(tx, [...asked]);
      parsed = parseDivisionsCsv(text, { storedPath: (code) => stored.get(code) });
    }
    if (!parsed.ok) throw invalid(parsed.issues);
    const misplaced = await misplacedCodes(tx, parsed.rows);
    if (misplaced.length > 0) throw invalid(misplaced);

    // Level by level: a statement finds only parents stored by earlier statements.
    const byDepth = new Map<number, DivisionRow[]>();
    for (const row of parsed.rows) {
      const level = byDepth.get(row.depth);
      if (level) level.push(row);
      else byDepth.set(row.depth, [row]);
    }
    let inserted = 0;
    for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
      for (const chunk of chunks(byDepth.get(depth) ?? [])) {
        inserted += await insertOrgUnits(
          tx,
          chunk.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode })),
        );
      }
    }
    return { inserted, skipped: parsed.rows.length - inserted };
  });
}
