import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database, DbHandle } from '@cascade/db';
import { generateGridsAndHouseholds, importDivisions, parseDivisionsCsv, type DivisionRow } from '@cascade/engine';
import { timed } from '../harness/measure.js';
import { rowsOf } from '../harness/database.js';

/** org_units without its foreign keys or data: the same columns, defaults and indexes. */
const SCRATCH = 'bench_org_units';
const CHUNK = 1000;

type UnitRow = { id: string; code: string; name: string; level: string; depth: number; parentId: string | null; path: string };

export function parseCsvOrThrow(csv: string): DivisionRow[] {
  const parsed = parseDivisionsCsv(csv);
  if (!parsed.ok) throw new Error(`bench: the divisions CSV is not importable: ${parsed.issues.slice(0, 3).map((i) => i.message.en).join('; ')}`);
  return parsed.rows;
}

/** The bare way to store the same units: ids and parents worked out in the client, multi-row INSERTs of
 * up to 1,000 rows (7 parameters each) in one transaction. */
export async function bareInsertUnits(db: Database, rows: readonly UnitRow[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map((r) => sql`(${r.id}, ${r.code}, ${r.name}, ${r.level}, ${r.depth}, ${r.parentId}, ${r.path})`);
      await tx.execute(sql`insert into ${sql.identifier(SCRATCH)} (id, code, name, level, depth, parent_id, path) values ${sql.join(values, sql`, `)}`);
    }
  });
}

export async function createScratchUnits(db: Database): Promise<void> {
  await db.execute(sql`create table if not exists ${sql.identifier(SCRATCH)} (like org_units including all)`);
  await db.execute(sql`truncate ${sql.identifier(SCRATCH)}`);
}

function unitRows(rows: readonly DivisionRow[]): UnitRow[] {
  const ids = new Map<string, string>();
  return rows.map((r) => {
    const id = randomUUID();
    ids.set(r.code, id);
    return { id, code: r.code, name: r.name, level: r.level, depth: r.depth, parentId: r.parentCode === null ? null : (ids.get(r.parentCode) ?? null), path: r.path };
  });
}

export type ImportRep = { importSeconds: number; bareImportSeconds: number; units: number; gridSeconds: number; bareGridSeconds: number; grids: number };

/**
 * One repetition on an empty migrated database: the product's importer, then the bare INSERT of the
 * same rows into a scratch copy of org_units; then 3 grids per village through the product's generator
 * and, again, the same grid rows by bare INSERT. Leaves the imported tree and grids in `handle`.
 */
export async function importRep(handle: DbHandle, csv: string, gridsPerVillage: number): Promise<ImportRep> {
  const db = handle.db;
  const parsed = parseCsvOrThrow(csv);
  const product = await timed(() => importDivisions(db, csv));
  if (product.value.inserted !== parsed.length) throw new Error(`bench: importer stored ${product.value.inserted} of ${parsed.length} units`);

  await createScratchUnits(db);
  const units = unitRows(parsed);
  const bare = await timed(() => bareInsertUnits(db, units));

  const grids = await timed(() => generateGridsAndHouseholds(db, { gridsPerVillage, householdsPerGrid: 0, seed: 'bench' }));
  const villages = units.filter((u) => u.level === 'village');
  if (grids.value.grids !== villages.length * gridsPerVillage) throw new Error(`bench: generator stored ${grids.value.grids} grids, expected ${villages.length * gridsPerVillage}`);
  // The same grid rows as the generator wrote, read back, as bare INSERTs under the scratch villages.
  const stored = rowsOf<{ code: string; name: string; parent_code: string }>(
    await db.execute(sql`select g.code, g.name, p.code as parent_code from org_units g join org_units p on p.id = g.parent_id where g.level = 'grid' order by g.code`),
  );
  const scratchIds = new Map(units.map((u) => [u.code, u] as const));
  const gridRows: UnitRow[] = stored.map((g) => {
    const parent = scratchIds.get(g.parent_code);
    if (!parent) throw new Error(`bench: grid ${g.code} has no village ${g.parent_code}`);
    return { id: randomUUID(), code: g.code, name: g.name, level: 'grid', depth: parent.depth + 1, parentId: parent.id, path: `${parent.path}/${g.code}` };
  });
  const bareGrids = await timed(() => bareInsertUnits(db, gridRows));
  return { importSeconds: product.seconds, bareImportSeconds: bare.seconds, units: parsed.length, gridSeconds: grids.seconds, bareGridSeconds: bareGrids.seconds, grids: grids.value.grids };
}
