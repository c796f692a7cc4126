import { inArray, sql } from 'drizzle-orm';
import { orgUnits, type Database } from '@cascade/db';
import { invalid } from '../errors.js';
import { parseDivisionsCsv } from './parseDivisionsCsv.js';

const CHUNK = 1000;

/** The parent codes a file refers to but does not itself contain: they must already be stored. */
function outsideParents(text: string): string[] {
  const codes = new Set<string>();
  const parents = new Set<string>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [code, , , parent] = line.split(',');
    if (code) codes.add(code.trim());
    if (parent) parents.add(parent.trim());
  }
  return [...parents].filter((p) => !codes.has(p));
}

/**
 * Imports a divisions CSV in one transaction: all of it or, on any bad line, none of it (the error
 * names every bad line). Units already present (same code) are left as they are, so importing the
 * same file twice is harmless.
 */
export async function importDivisions(db: Database, text: string): Promise<{ inserted: number; skipped: number }> {
  return db.transaction(async (tx) => {
    const wanted = outsideParents(text);
    const stored = wanted.length ? await tx.select({ code: orgUnits.code, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.code, wanted)) : [];
    const storedPaths = new Map(stored.map((s) => [s.code, s.path]));
    const parsed = parseDivisionsCsv(text, (code) => storedPaths.get(code));
    if (!parsed.ok) throw invalid(parsed.issues);
    const byDepth = new Map<number, typeof parsed.rows>();
    for (const row of parsed.rows) {
      const depth = row.path.split('/').length - 1;
      byDepth.set(depth, [...(byDepth.get(depth) ?? []), row]);
    }
    let inserted = 0;
    // Level by level, so every parent is stored before the statement that looks up its id.
    for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
      const level = byDepth.get(depth) ?? [];
      for (let i = 0; i < level.length; i += CHUNK) {
        const chunk = level.slice(i, i + CHUNK).map((r) => ({ code: r.code, name: r.name, level: r.level, path: r.path, parentCode: r.parentCode }));
        const result = await tx.execute(sql`
          insert into org_units (code, name, level, depth, parent_id, path)
          select r.code, r.name, r.level, ${depth}, p.id, r.path
          from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(code text, name text, level text, path text, "parentCode" text)
          left join org_units p on p.code = r."parentCode"
          on conflict (code) do nothing
          returning 1`);
        inserted += ((result as { rows?: unknown[] }).rows ?? (result as unknown as unknown[])).length;
      }
    }
    const rows = parsed.rows;
    return { inserted, skipped: rows.length - inserted };
  });
}
